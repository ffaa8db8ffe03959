// Names for the generated API types the screens use most.
import type { components } from '@/lib/api/schema';

type S = components['schemas'];
export type Project = S['ProjectOut'];
export type ProjectAbilities = S['ProjectAbilities'];
export type ProjectSummary = S['ProjectSummary'];
export type Member = S['MemberOut'];
export type Client = S['ClientOut'];
export type Supplier = S['SupplierOut'];
export type User = S['UserOut'];
export type WorkflowStage = S['WorkflowStageOut'];
export type Transport = S['TransportOut'];
