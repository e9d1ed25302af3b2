/** The Electron executable inside an unpacked app folder, per platform. */
export declare function electronBinaryPath(context: AfterPackLike): string;
/** Flips every fuse, then reads the wire back and fails the build if any fuse differs. */
export default function afterPack(context: AfterPackLike): Promise<void>;
/** The part of electron-builder's AfterPackContext the hook reads. */
export interface AfterPackLike {
  appOutDir: string;
  electronPlatformName: string;
  arch: number;
  packager: { appInfo: { productFilename: string }; executableName: string };
}
