import { describe, expect, it } from 'vitest';
import { chooseRenderer } from '../../../../../src-renderer/features/terminals/renderer-choice';

describe('terminal renderer choice', () => {
  it('uses WebGL only on hardware', () => {
    expect(chooseRenderer('ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11)').renderer).toBe('webgl');
    expect(chooseRenderer('ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero)), SwiftShader driver)')).toMatchObject({ renderer: 'dom', reason: 'software-webgl' });
    expect(chooseRenderer('llvmpipe (LLVM 15.0.6, 256 bits)').renderer).toBe('dom');
    expect(chooseRenderer(undefined)).toEqual({ renderer: 'dom', reason: 'no-webgl' });
    expect(chooseRenderer('NVIDIA', true)).toMatchObject({ renderer: 'dom', reason: 'forced-dom' });
  });
});
