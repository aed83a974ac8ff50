import { describe, expect, it } from 'vitest';
import { compileDenylist, type Denylist, decidePrompt, type PromptDecision } from './index.js';

interface Case {
  negative?: string;
  mature?: boolean;
  denylist?: Denylist | readonly string[];
}

const decide = (prompt: string, { negative, mature = false, denylist = [] }: Case = {}): string => {
  const d = decidePrompt({ prompt, negativePrompt: negative, mature, denylist });
  return d.decision === 'allow' ? 'allow' : d.category;
};

describe('decidePrompt: mature content', () => {
  it('blocks explicit content as sexual without mature content, and allows it with it', () => {
    for (const prompt of ['1girl, nude', 'sex', 'nsfw, pussy', '全裸', 'エッチ', 'hentai']) {
      expect(decide(prompt), prompt).toBe('sexual');
      expect(decide(prompt, { mature: true }), prompt).toBe('allow');
    }
  });

  it('allows suggestive but not explicit clothing and acts, with mature content off', () => {
    for (const prompt of ['lingerie', 'swimsuit', 'bikini', 'kiss', 'cleavage', 'sexy', 'large breasts', 'topless male', 'shirtless']) {
      expect(decide(prompt), prompt).toBe('allow');
    }
  });

  it('reads clothing pushed away in the negative prompt as sexual, and sexual words there alone as a safety negative', () => {
    expect(decide('1girl', { negative: 'clothes, clothing' })).toBe('sexual');
    expect(decide('1girl', { negative: 'clothes', mature: true })).toBe('allow');
    expect(decide('1girl', { negative: 'nsfw, nude, lowres' })).toBe('allow');
  });
});

describe('decidePrompt: minors', () => {
  it('blocks a minor marker with sexual content as minor_sexual, even with mature content', () => {
    for (const prompt of ['loli, nude', 'child, nsfw', '12 year old, sex', '十二歳, エロ', 'ロリ, 全裸', 'youjo, hadaka', 'young, nude']) {
      expect(decide(prompt, { mature: true }), prompt).toBe('minor_sexual');
    }
  });

  it('allows a minor marker without sexual content', () => {
    for (const prompt of ['child, birthday party', 'an 8 year old oak tree', 'teen titans', 'kid icarus', '小学生, 運動会']) {
      expect(decide(prompt), prompt).toBe('allow');
    }
  });

  it('blocks a minor marker with suggestive words, but not "young" with them', () => {
    expect(decide('loli, lingerie', { mature: true })).toBe('minor_sexual');
    expect(decide('10yo, sexy')).toBe('minor_sexual');
    expect(decide('young woman, sexy dress')).toBe('allow');
    expect(decide('young woman, nude', { mature: true })).toBe('minor_sexual');
  });

  it('lets no added word cancel a match: "adult" or an adult age beside a minor marker changes nothing', () => {
    for (const extra of ['adult', '18 years old', 'mature female', 'aged up', '成人', 'not a child', 'sfw']) {
      expect(decide(`loli, nude, ${extra}`, { mature: true }), extra).toBe('minor_sexual');
      expect(decide(`${extra}, loli, nude`, { mature: true }), extra).toBe('minor_sexual');
    }
  });

  it('reads the negative prompt as what to steer away from: a safety negative asks for neither minors nor sex', () => {
    expect(decide('loli', { negative: 'nude' })).toBe('allow');
    expect(decide('1girl', { negative: 'loli, nsfw' })).toBe('allow');
    expect(decide('nude', { negative: 'loli' })).toBe('sexual');
    expect(decide('nude', { negative: 'loli, child', mature: true })).toBe('allow');
    // Both asked for in the prompt, whatever the negative adds.
    expect(decide('loli, nude', { negative: 'loli, nsfw', mature: true })).toBe('minor_sexual');
  });

  it('blocks adulthood pushed away in the negative prompt when the prompt is sexual', () => {
    for (const negative of ['adult', 'mature female', 'old', 'aged up', 'large breasts', '成人', '大人']) {
      expect(decide('1girl, nude', { negative, mature: true }), negative).toBe('minor_sexual');
      expect(decide('1girl, portrait', { negative }), negative).toBe('allow');
    }
    expect(decide('1girl, nude, (adult:-1)', { mature: true })).toBe('minor_sexual');
    expect(decide('1girl, nude, (adult:1.2)', { mature: true })).toBe('allow');
  });
});

describe('decidePrompt: the denylist', () => {
  const denylist = compileDenylist(['Taylor Swift', 'gore', '初音ミク', 'area 51']);

  it('blocks operator terms in either field, matched as whole words', () => {
    expect(decide('portrait of taylor swift', { denylist })).toBe('denylist');
    expect(decide('1girl', { negative: 'gore', denylist })).toBe('denylist');
    expect(decide('gorecki symphony, ignore', { denylist })).toBe('allow');
    expect(decide('area 51, desert', { denylist })).toBe('denylist');
  });

  it('matches Japanese terms inside words, and sees through the same disguises as the built-in lists', () => {
    expect(decide('はつねミクのイラスト', { denylist })).toBe('allow'); // はつね is not 初音
    expect(decide('初音ミクのイラスト', { denylist })).toBe('denylist');
    for (const prompt of [
      'T4yl0r Sw1ft',
      'ｔａｙｌｏｒ ｓｗｉｆｔ',
      'taylor_swift',
      'taylorswift',
      't.a.y.l.o.r s.w.i.f.t',
      'Tаylor Swift',
      'g\u200Bore',
    ]) {
      expect(decide(prompt, { denylist }), prompt).toBe('denylist');
    }
  });

  it('takes a plain list as well as a compiled one', () => {
    expect(decide('gore', { denylist: ['gore'] })).toBe('denylist');
    expect(decide('gore', { denylist: [] })).toBe('allow');
  });
});

describe('decidePrompt: precedence and what it tells', () => {
  const denylist = ['loli', 'nude'];

  it('reports minor_sexual before denylist, and denylist before sexual', () => {
    expect(decide('loli, nude', { denylist })).toBe('minor_sexual');
    expect(decide('nude', { denylist: ['nude'] })).toBe('denylist');
    expect(decide('nude', { denylist: ['nude'], mature: true })).toBe('denylist');
    expect(decide('nude', { denylist: ['castle'] })).toBe('sexual');
  });

  it('returns the category only, never the word that matched', () => {
    const decisions: PromptDecision[] = [
      decidePrompt({ prompt: 'loli, nude', mature: false, denylist: [] }),
      decidePrompt({ prompt: 'secret-project-x', mature: false, denylist: ['secret-project-x'] }),
      decidePrompt({ prompt: 'pussy', mature: false, denylist: [] }),
    ];
    for (const d of decisions) expect(Object.keys(d).sort()).toEqual(['category', 'decision']);
    const text = JSON.stringify(decisions);
    for (const word of ['loli', 'nude', 'secret', 'project', 'pussy']) expect(text).not.toContain(word);
  });
});

describe('decidePrompt: compounds and Japanese traps', () => {
  it('reads nude as a colour directly before a cosmetic or a shoe, and nowhere else', () => {
    for (const prompt of ['nude lipstick', 'nude heels, red dress', 'nude palette', 'nude-colored pumps', 'ヌードカラーのリップ']) {
      expect(decide(prompt), prompt).toBe('allow');
    }
    for (const prompt of ['nude, lipstick', 'nude lipstick, nude', 'nude bodysuit', 'nude stockings', 'n u d e lipstick']) {
      expect(decide(prompt), prompt).toBe('sexual');
    }
  });

  it('leaves words that contain a Japanese term alone', () => {
    for (const prompt of ['裸足', 'ピエロ', 'ヌードル', 'フェラーリ', 'パチンコ', 'エッチング', '消えろ', 'かえろう']) {
      expect(decide(prompt), prompt).toBe('allow');
    }
    for (const prompt of ['カロリー', 'セロリ', 'ロリポップ', 'ペドロ', '小学館', '日本男児', '幼馴染']) {
      expect(decide(`${prompt}, 全裸`, { mature: true }), prompt).toBe('allow');
    }
    expect(decide('1girl, 全裸', { negative: '大人しい', mature: true })).toBe('allow');
  });

  it('does not read 少女 or 少年 as minor markers, but reads their young forms and ages', () => {
    expect(decide('美少女, 全裸', { mature: true })).toBe('allow');
    expect(decide('幼い少女, 全裸', { mature: true })).toBe('minor_sexual');
    expect(decide('十歳の少年, 裸', { mature: true })).toBe('minor_sexual');
  });

  it('does not join separate tags into a term', () => {
    expect(decide('完全, 裸足')).toBe('allow');
    expect(decide('the pen is mightier')).toBe('allow');
    expect(decide('an al fresco lunch')).toBe('allow');
  });
});
