/**
 * The Japanese terms of Microsoft's "Access an AKS API server" guide and product docs, as the shared
 * glossary (docs/ja-glossary.md in the project's shared documents) lists them: what the ja UI must
 * not say, and where a term is right in one sense and wrong in another.
 */
export interface GlossaryRule {
  /** What the rule enforces, named after the glossary's row. */
  readonly concept: string;
  /** True when the string breaks the rule. */
  readonly breaks: (text: string) => boolean;
}

/** One rule per "not" column entry of the glossary. */
export const GLOSSARY_RULES: readonly GlossaryRule[] = [
  { concept: 'jump box is ジャンプ ボックス, not ジャンプ ホスト', breaks: (s) => /ジャンプ\s?ホスト/.test(s) },
  { concept: 'jump box is ジャンプ ボックス, not 踏み台', breaks: (s) => s.includes('踏み台') },
  { concept: 'Azure portal stays "Azure portal" (no ポータル; a captive portal is another thing)', breaks: (s) => /(?<!キャプティブ\s?)ポータル/.test(s) },
  { concept: 'host key is ホスト キー, not ホスト鍵', breaks: (s) => s.includes('ホスト鍵') },
  {
    concept: 'command invoke is コマンド呼び出し; 実行コマンド is VM Run Command only (said with VM)',
    breaks: (s) => s.includes('実行コマンド') && !/VM[^。]*実行コマンド/.test(s),
  },
  {
    concept: 'VNet peering is 仮想ネットワーク ピアリング in prose; VNet ピアリング only in a tight label',
    breaks: (s) => s.includes('VNet ピアリング') && s.replace(/\{\{\w+\}\}/g, '').length > 16,
  },
];

/** The glossary rules `text` breaks. */
export function glossaryProblems(text: string): string[] {
  return GLOSSARY_RULES.filter((r) => r.breaks(text)).map((r) => r.concept);
}
