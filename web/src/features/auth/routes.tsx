import { LoginPage } from './components/LoginPage';
import { ResetPasswordPage } from './components/ResetPasswordPage';

export const loginRoute = { element: <LoginPage /> };
export const resetRoute = { element: <ResetPasswordPage /> };
