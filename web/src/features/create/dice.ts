/**
 * The dice on Create: a random prompt from tag categories (subject, hair,
 * eyes, outfit, pose, background, lighting). Each entry has the tag an SDXL
 * anime checkpoint knows and the phrase a natural-language model reads; both
 * are English, the language these models were trained on, whatever the
 * interface language. Pure and seedable, so a test can replay a roll.
 */

export const diceCategories = ['subject', 'hair', 'eyes', 'outfit', 'pose', 'background', 'lighting'] as const;
export type DiceCategory = (typeof diceCategories)[number];

/** [tag, phrase] */
type Word = readonly [string, string];

export const diceWords: Record<DiceCategory, readonly Word[]> = {
  subject: [
    ['1girl', 'a young woman'],
    ['1boy', 'a young man'],
    ['2girls', 'two girls'],
    ['fox girl, fox ears, fox tail', 'a fox girl with fox ears and a fluffy tail'],
    ['cat girl, cat ears', 'a cat girl with cat ears'],
    ['witch, witch hat', 'a witch in a pointed hat'],
    ['knight, armor', 'a knight in armour'],
    ['android, mechanical parts', 'an android with mechanical joints'],
    ['idol, microphone', 'a pop idol holding a microphone'],
    ['samurai, katana', 'a samurai with a katana'],
  ],
  hair: [
    ['long hair, silver hair', 'long silver hair'],
    ['short hair, black hair', 'short black hair'],
    ['twintails, pink hair', 'pink twin tails'],
    ['ponytail, blonde hair', 'a blonde ponytail'],
    ['bob cut, blue hair', 'a blue bob cut'],
    ['wavy hair, red hair', 'wavy red hair'],
    ['braid, brown hair', 'a brown braid'],
    ['messy hair, white hair', 'messy white hair'],
  ],
  eyes: [
    ['red eyes', 'red eyes'],
    ['blue eyes', 'blue eyes'],
    ['green eyes', 'green eyes'],
    ['golden eyes', 'golden eyes'],
    ['purple eyes', 'violet eyes'],
    ['heterochromia', 'eyes of two different colours'],
  ],
  outfit: [
    ['school uniform, serafuku', 'a sailor school uniform'],
    ['kimono, floral print', 'a floral kimono'],
    ['hoodie, oversized clothes', 'an oversized hoodie'],
    ['maid, maid headdress', 'a maid outfit'],
    ['gothic lolita, frills', 'a frilly gothic dress'],
    ['military uniform, cape', 'a military uniform with a cape'],
    ['casual, denim jacket', 'a denim jacket and casual clothes'],
    ['magical girl, ribbons', 'a magical-girl costume with ribbons'],
  ],
  pose: [
    ['standing, looking at viewer', 'standing and looking at the viewer'],
    ['sitting, hugging own legs', 'sitting and hugging her knees'],
    ['running, motion blur', 'running, caught in motion'],
    ['from behind, looking back', 'seen from behind, looking back over the shoulder'],
    ['peace sign, smile', 'smiling and making a peace sign'],
    ['reaching out, outstretched hand', 'reaching a hand out toward the viewer'],
    ['lying on back, on grass', 'lying on her back in the grass'],
  ],
  background: [
    ['cherry blossoms, petals', 'under falling cherry blossoms'],
    ['city street, night, neon lights', 'on a neon-lit city street at night'],
    ['classroom, window', 'in a classroom by the window'],
    ['beach, ocean, blue sky', 'on a beach under a blue sky'],
    ['forest, moss, ruins', 'in a mossy forest with old ruins'],
    ['rooftop, cityscape', 'on a rooftop above the city'],
    ['library, bookshelf', 'in an old library full of books'],
    ['snow, winter, shrine', 'at a snowy shrine in winter'],
  ],
  lighting: [
    ['sunset, golden hour', 'in warm golden-hour light'],
    ['backlighting, rim light', 'with soft backlight and a rim of light'],
    ['moonlight, night', 'in cool moonlight'],
    ['soft lighting, bloom', 'in soft, glowing light'],
    ['dramatic lighting, shadows', 'with dramatic light and deep shadows'],
    ['sunlight, dappled sunlight', 'in dappled sunlight through leaves'],
  ],
};

/** A small seedable generator (mulberry32): the same seed gives the same rolls. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * One entry from every category, in the categories' order: comma-separated
 * tags for SDXL checkpoints, one sentence for natural-language models.
 * `random` returns numbers in [0, 1), like Math.random.
 */
export function rollPrompt(family: string, random: () => number = Math.random): string {
  const picked = diceCategories.map((c) => {
    const words = diceWords[c];
    return words[Math.min(words.length - 1, Math.floor(random() * words.length))]!;
  });
  if (family === 'sdxl') return picked.map(([tag]) => tag).join(', ');
  const [subject, hair, eyes, outfit, pose, background, lighting] = picked.map(([, phrase]) => phrase) as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  return `${subject} with ${hair} and ${eyes}, wearing ${outfit}, ${pose}, ${background}, ${lighting}`;
}
