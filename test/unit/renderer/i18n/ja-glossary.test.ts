import { describe, expect, it } from 'vitest';
import { ja } from '../../../../src-renderer/i18n/resources';
import { glossaryProblems } from '../../../support/ja-glossary';

function strings(table: unknown, path = ''): Array<[string, string]> {
  if (typeof table === 'string') return [[path, table]];
  if (Array.isArray(table)) return table.flatMap((v, i) => strings(v, `${path}[${i}]`));
  if (table && typeof table === 'object') return Object.entries(table).flatMap(([k, v]) => strings(v, path ? `${path}.${k}` : k));
  return [];
}

describe('Japanese terms from the guide', () => {
  it('flags the terms the glossary marks as wrong (the checker can fail)', () => {
    expect(glossaryProblems('ジャンプ ホストに接続します。')).toHaveLength(1);
    expect(glossaryProblems('Azure ポータルで開く')).toHaveLength(1);
    expect(glossaryProblems('{{cluster}} では実行コマンドが無効です。')).toHaveLength(1);
    expect(glossaryProblems('クラスターの VNet との双方向の VNet ピアリング')).toHaveLength(1);
    expect(glossaryProblems('VM {{vm}} の実行コマンドから出力が返りませんでした。')).toEqual([]);
    expect(glossaryProblems('キャプティブ ポータルやプロキシのエラー ページ')).toEqual([]);
    expect(glossaryProblems('VNet ピアリング')).toEqual([]);
  });

  it('uses none of them anywhere in the Japanese tables', () => {
    const all = strings(ja);
    expect(all.length).toBeGreaterThan(500);
    const problems = all.flatMap(([key, text]) => glossaryProblems(text).map((p) => `${key}: ${p}: ${text}`));
    expect(problems).toEqual([]);
  });
});
