/** Public face of the signin feature. */
export { SignInScreen } from './signin-screen';
