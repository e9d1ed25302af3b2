/**
 * Conditional Access refusals as Entra's token endpoint sends them: HTTP 400, `error` =
 * `interaction_required`, an `error_description` that starts with the AADSTS code and ends with
 * Entra's trace lines, `error_codes`, `timestamp`, `trace_id`, `correlation_id`, `error_uri` and a
 * `suberror` that classifies what the user can do (the shape of Microsoft Entra's "Authentication
 * and authorization error codes" reference and of real answers quoted in public issues; `suberror`
 * values as MSAL classifies them: `basic_action` the user can satisfy in an interactive sign-in,
 * `additional_action` needs something outside it such as device enrolment, `message_only` nothing
 * the user can do). Descriptions paraphrase the reference's.
 */
import { randomUUID } from 'node:crypto';

/** The Conditional Access and MFA codes a PAW meets (the console has advice for each). */
export type ConditionalAccessCode = 50076 | 50079 | 50158 | 53000 | 53001 | 53002 | 53003 | 53004;

const REFUSALS: Record<ConditionalAccessCode, { suberror: string; description: string }> = {
  50076: { suberror: 'basic_action', description: 'Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access this resource.' },
  50079: { suberror: 'basic_action', description: 'Due to a configuration change made by your administrator, or because you moved to a new location, you must enroll in multi-factor authentication to access this resource.' },
  50158: { suberror: 'basic_action', description: 'External security challenge not satisfied. User will be redirected to another page or authentication provider to satisfy additional authentication challenges.' },
  53000: { suberror: 'additional_action', description: 'Device is not in required device state: compliant. Conditional Access policy requires a compliant device, and the device is not compliant.' },
  53001: { suberror: 'additional_action', description: 'Device is not in required device state: domain_joined. Conditional Access policy requires a domain joined device, and the device is not domain joined.' },
  53002: { suberror: 'message_only', description: 'Application used is not an approved application for Conditional Access.' },
  53003: { suberror: 'message_only', description: 'Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.' },
  53004: { suberror: 'message_only', description: 'Proof up is blocked due to risk: the user needs to complete the multi-factor authentication registration process before accessing this content.' },
};

/** Every code the knob can send, for tests that walk them all. */
export const CONDITIONAL_ACCESS_CODES = Object.keys(REFUSALS).map(Number) as ConditionalAccessCode[];

/** The JSON body of Entra's refusal for `code` (the token endpoint answers it with HTTP 400). */
export function conditionalAccessRefusal(code: ConditionalAccessCode, now = new Date()): Record<string, unknown> {
  const { suberror, description } = REFUSALS[code];
  const timestamp = now.toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
  const traceId = randomUUID();
  const correlationId = randomUUID();
  return {
    error: 'interaction_required',
    error_description: `AADSTS${code}: ${description}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${timestamp}`,
    error_codes: [code],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
    error_uri: `https://login.microsoftonline.com/error?code=${code}`,
    suberror,
    ...(suberror === 'basic_action' ? { claims: JSON.stringify({ access_token: { capolids: { essential: true, values: [randomUUID()] } } }) } : {}),
  };
}
