import type { TokenCredential } from '@azure/core-auth';
import { ServiceClient } from '@azure/core-client';
import { createPipelineRequest, type HttpClient } from '@azure/core-rest-pipeline';
import { AppError } from '../errors';
import { armCall } from './arm-errors';
import { subject } from './arm-subject';

/** `RoleAssignments_ListForScope`'s api-version (arm-api.md, authorization fixtures). */
export const ROLE_ASSIGNMENTS_API_VERSION = '2022-04-01';

/** One role assignment as the console uses it. */
export interface RoleAssignmentFact {
  readonly id: string;
  readonly roleDefinitionId: string;
  readonly principalId: string;
  readonly scope: string;
}

/** Options of the reader: the same credential, endpoint and (origin-pinned) transport as ArmService. */
export interface RoleAssignmentReaderOptions {
  readonly credential: TokenCredential;
  readonly endpoint: string;
  readonly scope: string;
  readonly httpClient: HttpClient;
}

const MAX_PAGES = 50;

/**
 * Lists Azure role assignments through the ARM SDK's own client (`@azure/core-client`'s
 * ServiceClient: bearer policy, retries, the console's transport) — the one authorization call the
 * console needs does not justify the whole `@azure/arm-authorization` package.
 */
export class RoleAssignmentReader {
  private readonly client: ServiceClient;

  /** Builds the client over the shared transport. */
  constructor(private readonly options: RoleAssignmentReaderOptions) {
    this.client = new ServiceClient({ endpoint: options.endpoint, credential: options.credential, credentialScopes: [options.scope], httpClient: options.httpClient });
  }

  /**
   * The signed-in operator's object id in the tenant ARM calls run in: the `oid` claim of their ARM
   * token (for a guest that is the guest object, not the home one). The token itself goes nowhere.
   */
  async operatorOid(): Promise<string> {
    const token = await this.options.credential.getToken(this.options.scope);
    const oid = token ? oidOf(token.token) : undefined;
    if (!oid) throw new AppError('azure.operator_unknown', 'The sign-in did not say which Microsoft Entra ID object you are, so your role assignments cannot be listed.');
    return oid;
  }

  /** Assignments that apply to `scope` (at, above or below it) held by `principalId` or a group it is in (`assignedTo`). */
  async assignedTo(scope: string, principalId: string): Promise<RoleAssignmentFact[]> {
    if (!/^[0-9a-f-]{36}$/i.test(principalId)) throw new AppError('azure.invalid_principal', 'The operator object id is not a GUID.');
    const what = subject('role-assignments', scope.split('/').at(-1));
    return armCall(what, async () => {
      const out: RoleAssignmentFact[] = [];
      let url: string | undefined = `${this.options.endpoint.replace(/\/$/, '')}${scope}/providers/Microsoft.Authorization/roleAssignments?api-version=${ROLE_ASSIGNMENTS_API_VERSION}&$filter=${encodeURIComponent(`assignedTo('${principalId}')`)}`;
      for (let page = 0; url && page < MAX_PAGES; page++) {
        const response = await this.client.sendRequest(createPipelineRequest({ url, method: 'GET' }));
        if (response.status >= 400) throw Object.assign(new Error(`HTTP ${response.status}`), { statusCode: response.status, code: armErrorCode(response.bodyAsText ?? undefined) });
        const body = JSON.parse(response.bodyAsText ?? '{}') as { value?: unknown[]; nextLink?: string };
        for (const row of body.value ?? []) {
          const fact = factOf(row);
          if (fact) out.push(fact);
        }
        url = body.nextLink;
      }
      return out;
    });
  }
}

function factOf(row: unknown): RoleAssignmentFact | undefined {
  const r = row as { id?: unknown; properties?: { roleDefinitionId?: unknown; principalId?: unknown; scope?: unknown } } | null;
  const p = r?.properties;
  if (typeof r?.id !== 'string' || typeof p?.roleDefinitionId !== 'string' || typeof p.principalId !== 'string' || typeof p.scope !== 'string') return undefined;
  return { id: r.id, roleDefinitionId: p.roleDefinitionId, principalId: p.principalId, scope: p.scope };
}

function armErrorCode(text: string | undefined): string | undefined {
  try {
    const code = (JSON.parse(text ?? '') as { error?: { code?: unknown } }).error?.code;
    return typeof code === 'string' ? code : undefined;
  } catch {
    return undefined;
  }
}

/** The `oid` claim of a JWT, or undefined (the signature is the issuer's business: this only reads who it names). */
function oidOf(jwt: string): string | undefined {
  try {
    const payload = JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as { oid?: unknown };
    return typeof payload.oid === 'string' ? payload.oid : undefined;
  } catch {
    return undefined;
  }
}
