import { describe, expect, it } from 'vitest';
import { NOT_REPORTED, say, shownValue } from '../../../../../src-main/services/checklist/check-text';
import { CheckText } from '../../../../../src-main/ipc/contract/check-text';

describe('say', () => {
  it('keeps every value a string, as the contract requires, whatever type ARM sent', () => {
    const said = say('entra.not_managed', 'x', { cluster: {} as unknown as string, tenant: null as unknown as string, nodes: 3 as unknown as string, on: true as unknown as string, name: 'aks-prod' });
    expect(said.params).toEqual({ cluster: NOT_REPORTED, tenant: NOT_REPORTED, nodes: '3', on: 'true', name: 'aks-prod' });
    expect(CheckText.safeParse(said).success).toBe(true);
  });

  it('shows a value of the wrong type as not reported, never as "[object Object]"', () => {
    for (const junk of [{}, [], undefined, null]) expect(shownValue(junk)).toBe(NOT_REPORTED);
    expect(shownValue('aks-prod')).toBe('aks-prod');
  });
});
