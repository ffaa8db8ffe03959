// Configuration of the web app, validated once at start (bulletproof-react's env.ts idea).
// The app is always served by `eventmgr` from the API's own origin, so there is little to
// configure: the API base path and, in development, nothing else.
import { z } from 'zod';

const schema = z.object({
  apiBase: z.string().startsWith('/'),
  // How long before an access token expires it is refreshed, in seconds.
  refreshMarginSeconds: z.number().int().positive(),
});

export const env = schema.parse({
  apiBase: '/api/v1',
  refreshMarginSeconds: 30,
});
