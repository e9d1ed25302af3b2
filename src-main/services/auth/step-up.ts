import type { InteractiveRequest } from './sign-in-flows';

/**
 * The interactive request of a step-up: the claims the resource asked for, and the signed-in
 * operator as the login hint so the authority steps up that session rather than offering a picker,
 * and the selected tenant's authority so the stepped-up token is the one later silent calls find.
 */
export function stepUpRequest(claims: string, username: string, authority: string): InteractiveRequest {
  return { claims, loginHint: username, authority };
}
