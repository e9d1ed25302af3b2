/**
 * The SecretStore port: a handful of named secrets under one service name in the OS keychain.
 * Values are short strings (each adapter may cap their size); callers chunk anything larger.
 */
export interface SecretStore {
  /** The value stored under `account`, or null when there is none. */
  get(account: string): Promise<string | null>;
  /** Stores `value` under `account`, replacing any previous value. */
  set(account: string, value: string): Promise<void>;
  /** Removes `account`; true when something was removed. */
  delete(account: string): Promise<boolean>;
  /** Names of every account stored under this service. */
  list(): Promise<string[]>;
}

/** Why a keychain could not be used. */
export type KeychainFailure = 'no-session-bus' | 'no-secret-service' | 'keyring-locked' | 'no-logon-session' | 'timeout' | 'too-large' | 'unknown';

/** The keychain is not reachable or refused the operation; callers fail closed to memory only. */
export class SecretStoreUnavailableError extends Error {
  /** Creates the error with its classified reason and the adapter's own message. */
  constructor(
    readonly failure: KeychainFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'SecretStoreUnavailableError';
  }
}

/** Maps a libsecret/keytar error message to a failure kind (messages measured in environment.md). */
export function classifyKeychainError(message: string): KeychainFailure {
  if (/autolaunch D-Bus|DBUS_SESSION_BUS_ADDRESS|Unable to autolaunch|Could not connect|transport/i.test(message)) return 'no-session-bus';
  if (/org\.freedesktop\.secrets was not provided|ServiceUnknown|not provided by any \.service/i.test(message)) return 'no-secret-service';
  if (/locked collection|Object does not exist at path|collection\/login|is locked|prompt/i.test(message)) return 'keyring-locked';
  if (/stub received bad data|too large|exceeds/i.test(message)) return 'too-large';
  // Windows Credential Manager under "do not allow storage of passwords and credentials", or in a
  // `runas /netonly` session: ERROR_NO_SUCH_LOGON_SESSION (1312).
  if (/logon session does not exist|\b1312\b/i.test(message)) return 'no-logon-session';
  return 'unknown';
}

/** Plain words for the operator, per failure kind. */
export function describeKeychainFailure(failure: KeychainFailure): string {
  switch (failure) {
    case 'no-session-bus':
      return 'No desktop session bus is available, so the OS keychain cannot be reached.';
    case 'no-secret-service':
      return 'No keychain service (Secret Service) is running in this session.';
    case 'keyring-locked':
      return 'The OS keychain is locked or has no unlocked default collection.';
    case 'timeout':
      return 'The OS keychain did not answer in time.';
    case 'no-logon-session':
      return 'Windows Credential Manager refused to store credentials in this logon session (a policy, or runas /netonly).';
    case 'too-large':
      return 'The OS keychain refused an item as too large.';
    default:
      return 'The OS keychain refused the request.';
  }
}
