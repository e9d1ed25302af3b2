// electron-builder afterPack hook: flips the fuses in the packed Electron binary before signing.
import path from 'node:path';
import { flipFuses, FuseState, getCurrentFuseWire } from '@electron/fuses';
import { FUSES } from './fuses.mjs';

/** The Electron executable inside an unpacked app folder, per platform. */
export function electronBinaryPath(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  const name = packager.appInfo.productFilename;
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas') return path.join(appOutDir, `${name}.app`, 'Contents', 'MacOS', name);
  if (electronPlatformName === 'win32') return path.join(appOutDir, `${name}.exe`);
  return path.join(appOutDir, packager.executableName);
}

/** Flips every fuse, then reads the wire back and fails the build if any fuse differs. */
export default async function afterPack(context) {
  const binary = electronBinaryPath(context);
  // Arch.arm64 === 3 in electron-builder: arm64 macOS binaries need their ad-hoc signature renewed.
  const isMacArm = context.electronPlatformName === 'darwin' && context.arch === 3;
  await flipFuses(binary, { ...FUSES, resetAdHocDarwinSignature: isMacArm });
  const wire = await getCurrentFuseWire(binary);
  for (const [key, wanted] of Object.entries(FUSES)) {
    if (!/^\d+$/.test(key)) continue;
    const actual = wire[key];
    if ((actual === FuseState.ENABLE) !== wanted) throw new Error(`fuse ${key} is ${String(actual)} after flipping, expected ${wanted}`);
  }
  console.log(`  • fuses flipped  file=${path.basename(binary)}`);
}
