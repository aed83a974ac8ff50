/**
 * The built-in word lists of the prompt policy, in English, romaji, booru
 * tags and Japanese. Written as typed; each is normalised like a prompt when
 * compiled (term-matcher.ts), so case, full-width forms, `_` and `-` do not
 * matter and hiragana and katakana are one. Latin entries match whole words
 * (a phrase: its words in order within one tag); Japanese entries match
 * inside words. Reviewed by hand: what each list leaves out is as deliberate
 * as what it holds.
 */
const list = (text: string): string[] =>
  text
    .split(/[,\n]/)
    .map((t) => t.trim())
    .filter(Boolean);

/**
 * Minor markers in English, romaji and booru tags: words for children and
 * young teens, sexualised-minor genres, school stages below university, ages
 * by name. Left out on purpose, as they describe adults in anime as often as
 * not: girl, boy, 1girl, petite, flat chest, short, chibi, student, school
 * uniform, serafuku, daughter, sister, little (alone), childhood, youthful.
 * Kept although they catch adults: teen (18–19 too), high school students
 * (16–18), lolita (also a fashion: blocked only with sexual content). JS /
 * JC / JK are Japanese slang for elementary, middle and high school girls.
 * "young" has a list of its own (YOUNG_TERMS).
 */
export const MINOR_TERMS = list(`
  child, children, childs, childlike, kid, kids, kiddie, kiddies, kiddo, toddler, toddlers, toddlercon,
  infant, infants, newborn, newborns, baby, babies, preteen, preteens, tween, tweens,
  teen, teens, teenage, teenaged, teenager, teenagers, adolescent, adolescents, pubescent, prepubescent, puberty,
  underage, under age, minor, minors, juvenile, juveniles, youngster, youngsters, jailbait, cub, cubs,
  loli, lolis, lolicon, lolita, lolitas, shota, shotas, shotacon, pedo, pedophile, pedophiles, paedophile,
  pedophilia, paedophilia, pedophilic, pedobear,
  little girl, little girls, little boy, little boys, little kid, little kids, little child, little one, little ones,
  schoolgirl, schoolgirls, schoolboy, schoolboys, schoolchild, schoolchildren, schoolkid, schoolkids,
  school girl, school girls, school boy, school boys, school kid, school kids, school child, school children,
  kindergarten, kindergartener, kindergartner, kindergarteners, preschool, preschooler, preschoolers,
  grade school, grade schooler, grade schoolers, elementary school, elementary schooler, elementary schoolers,
  elementary student, elementary students, primary school, primary schooler, middle school, middle schooler,
  middle schoolers, junior high, high schooler, high schoolers, high school girl, high school girls,
  high school boy, high school boys, high school student, high school students,
  aged down, age regression, age regressed, de aged, age play,
  js, jc, jk,
  rori, rorikon, roricon, lolikon, shotakon, youjo, yojo, kodomo, osanai, chibikko, randoseru, youchien, yochien,
  shougakusei, shogakusei, shougakkou, shogakko, chuugakusei, chugakusei, chuugaku, chugaku,
  koukousei, kokosei, koukosei, joshikousei, joshikosei, joshi kousei, joshi kosei
`);

/**
 * "young": a booru tag for a minor, and in English as often a young adult.
 * It counts with explicit content ("young woman, nude" is blocked even with
 * mature content: no added word may unblock), but not with merely
 * suggestive words ("young woman, sexy dress" is an ordinary prompt).
 */
export const YOUNG_TERMS = list('young');

/**
 * Minor markers in Japanese, matched inside words. 少女 and 少年 (girl, boy)
 * are left out like "girl" and "boy": 美少女, 魔法少女 and 少女漫画 name adult
 * characters and genres every day; 幼い少女 is caught by 幼い, ages by
 * detect-age.ts. 幼馴染 (childhood friend) is not caught: 幼 alone is no term.
 */
export const MINOR_TERMS_JA = list(`
  ロリ, ショタ, ペド, 幼女, 幼児, 幼い, 幼子, 幼稚園, 園児, 児童, 女児, 男児, 小学, 中学, 高校生, 女子高生, 女子校生,
  子供, 子ども, こども, キッズ, ちびっこ, 乳児, 赤ちゃん, 赤ん坊, 未成年, 未就学, ランドセル
`);

/**
 * Explicit sexual content: sex acts, genitals, nudity, sexual fluids and
 * toys, fetish and sexual violence, rating words (nsfw, hentai, r18).
 * Not explicit, and not here: sexy, seductive, lingerie, underwear, panties,
 * bra, swimsuit, bikini, kiss, cleavage, breasts of any size, boobs, oppai,
 * thighs, shirtless, topless male, yuri, yaoi, blush, sweat, bath, ass.
 * "nude" is here; as a colour it is a compound (see COMPOUNDS).
 */
export const SEXUAL_TERMS = list(`
  sex, sexual, sexually, intercourse, coitus, copulation, fuck, fucks, fucked, fucking, orgy, gangbang, threesome,
  foursome, creampie, bukkake, blowjob, fellatio, cunnilingus, handjob, footjob, titjob, titfuck, paizuri, deepthroat,
  rimjob, anilingus, masturbation, masturbating, masturbate, fingering, fisting, ejaculation, ejaculating, ejaculate,
  orgasm, orgasms, erection, penetration, cum, cumming, cumshot, cumdrip, precum, semen, sperm, jizz, squirting,
  lactation, doggystyle, doggy style, cowgirl position, missionary position, mating press, 69 position,
  nude, nudes, naked, nudity, nudist, nudism, topless, bottomless, unclothed, undressed, undressing, no clothes,
  without clothes, no clothing, without clothing, no panties, bare breasts, exposed breasts, breasts out, nip slip,
  nipslip, pantyshot, panty shot, upskirt, downblouse, skinny dipping, birthday suit,
  penis, penises, cock, cocks, pussy, pussies, vagina, vaginal, vulva, clitoris, clit, labia, testicles, testicle,
  scrotum, anus, anal, genitals, genitalia, genital, nipples, nipple, areola, areolae, areolas, pubic, cameltoe,
  camel toe, dildo, vibrator, buttplug, butt plug, onahole, strapon, condom, condoms,
  rape, raped, raping, rapist, molest, molested, molestation, grope, groped, groping, bestiality, zoophilia, incest,
  netorare, ntr, voyeurism, exhibitionism, defloration, impregnation, ahegao, futanari, futa, bdsm, bondage, shibari,
  femdom, pegging, slut, sluts, whore, whores, milf,
  nsfw, hentai, ecchi, lewd, erotic, erotica, eroge, porn, porno, pornographic, pornography, xxx, r18, r-18, r18g,
  rule34, explicit, uncensored, smut,
  ero, eroi, etchi, sekkusu, zenra, hadaka, nuudo, manko, omanko, chinko, chinpo, nakadashi, tekoki, onani, onanii,
  shasei, chikan, inran, ferachio
`);

/**
 * Explicit sexual content in Japanese, matched inside words. Left out: おっぱい
 * and 巨乳 (breasts), 下着 and 水着 (underwear, swimsuits), 変態 (also
 * metamorphosis), 露出 (also a camera's exposure), 潮吹き (also a whale's spout).
 */
export const SEXUAL_TERMS_JA = list(`
  エロ, エッチ, セックス, 性交, 性行為, 性的, 全裸, 裸, ヌード, 乳首, 性器, 陰部, 陰茎, 陰毛, ペニス, チンコ, チンポ,
  マンコ, 膣, 精液, ザーメン, 中出し, フェラ, 手コキ, パイズリ, オナニー, 自慰, 射精, 愛液, 乱交, 強姦, レイプ,
  痴漢, 淫乱, 猥褻, わいせつ, 成人向け, 春画, アヘ顔, パンチラ, ノーパン, ポルノ, ヘンタイ, ハメ撮り, 18禁
`);

/**
 * Suggestive, not explicit: allowed on their own and for adults, but with a
 * minor marker (not "young") they sexualise a child, so together they block
 * as minor_sexual. Plain swimsuits, bikinis and kisses are not here (a
 * family at the beach); micro and string bikinis are. 下着 and パンツ are
 * underwear; ブラ only as a whole word (ブラシ is a brush, ブラウス a blouse).
 */
export const SUGGESTIVE_TERMS = list(`
  sexy, seductive, seduce, seducing, seduction, sensual, sultry, provocative, suggestive, skimpy, revealing,
  lingerie, underwear, panties, panty, bra, thong, g-string, micro bikini, string bikini, see-through,
  cleavage, breasts, breast, boobs, oppai, tits, titties, ass, butt, crotch, bedroom eyes, spread legs, legs apart,
  セクシー, 色っぽい, 色気, 誘惑, 妖艶, 際どい, 下着, パンツ, =ブラ, おっぱい, 胸チラ, お尻, 透け, マイクロビキニ
`);

/**
 * Adulthood, which a negative prompt pushes away to make a sexual image look
 * younger. Counted in the negative prompt only: in the prompt they ask for
 * an adult, which is fine (and never cancels a minor marker).
 */
export const ADULT_STEERING_TERMS = list(`
  adult, adults, mature, milf, old, older, elderly, aged up, grown up, grownup, large breasts, big breasts,
  huge breasts, gigantic breasts, large breast,
  成人, 大人, 熟女, 年増, 巨乳, 爆乳, 中年, 老人, 老婆, おばさん
`);

/** Clothing, which a negative prompt pushes away to undress a figure. Counted in the negative prompt only. */
export const CLOTHING_STEERING_TERMS = list(`
  clothes, clothing, clothed, dressed, underwear, 着衣, 衣服, 衣類, 下着, =服
`);

/**
 * Compounds: a term directly followed (in the same tag) by one of these
 * words is another word. This is the one place where an added word changes a
 * match, so it is kept to fixed compounds whose meaning is plain: colours
 * and cosmetics (nude lipstick), products and idioms (baby oil, cum laude,
 * naked eye, sperm whale, rapeseed written apart), shirtless men (topless
 * male). Clothing that covers the body is not a colour compound ("nude
 * bodysuit", "nude stockings" stay explicit).
 */
export const COMPOUNDS: Readonly<Record<string, readonly string[]>> = {
  nude: list(`
    lipstick, lipsticks, lip, lips, lipgloss, gloss, liner, lipliner, eyeshadow, eyeshadows, shadow, palette, palettes,
    makeup, blush, polish, nail, nails, manicure, pedicure, heels, heel, pumps, shoes, shoe, sandals, flats, stilettos,
    color, colour, colors, colours, colored, coloured, tone, tones, shade, shades, tint, beige, pink, bag, handbag,
    purse, clutch, foundation
  `),
  naked: list('eye, eyes, flame, flames, bulb, bulbs, wire, wires, tree, trees, branches, truth'),
  baby: list('oil, blue, pink, yellow, powder, doll, dolls, breath, bump, shower'),
  cum: list('laude'),
  pussy: list('cat, cats, willow, willows'),
  topless: list('male, man, men'),
  bottomless: list('pit, pits, abyss, cup, cups, mimosa, mimosas, brunch, well, chasm, void'),
  sperm: list('whale, whales'),
  rape: list('seed, seeds, oil, field, fields, flower, flowers, blossom, blossoms'),
  erection: list('of'),
};

/**
 * Japanese words that contain a term but mean something else; a term inside
 * one of them does not count. 裸 in 裸足 (barefoot) and 裸眼 (naked eye);
 * ロリ in カロリー (calorie), セロリ (celery), フロリダ, グロリア, ブロリー, ロリポップ
 * (lollipop) and sound words (とろり, ころり); エロ in ピエロ (clown); ヌード in
 * ヌードル (noodle) and colour names; フェラ in フェラーリ and カフェラテ; エッチ in
 * エッチング (etching); チンコ in パチンコ; セックス in エセックス (Essex); 大人 in
 * 大人しい (quiet); 小学 in 小学館 (a publisher); 男児 in 日本男児 (a Japanese man).
 */
export const BENIGN_JA = list(`
  裸足, 裸眼, 裸子, 裸電球, 赤裸, 裸麦, 裸木, 裸一貫, 裸火, 裸線,
  カロリ, セロリ, フロリ, グロリ, ブロリ, トロリ, ゴロリ, コロリ, ポロリ, ホロリ, クロリ, ロリポップ,
  ピエロ, アエロ, ヌードル, ヌードカラー, ヌードベージュ, ヌードピンク, ヌードリップ, ヌードネイル,
  フェラーリ, フェラガモ, カフェラ, エッチング, パチンコ, ロマンコ, ノーパンク, ペドロ,
  エセックス, サセックス, ウェセックス, ミドルセックス, 大人し, 小学館, 日本男児
`);
