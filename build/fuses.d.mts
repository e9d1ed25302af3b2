import type { FuseV1Config } from '@electron/fuses';

/** The fuse configuration of the packaged console (see fuses.mjs). */
export declare const FUSES: FuseV1Config & { strictlyRequireAllFuses: true };
