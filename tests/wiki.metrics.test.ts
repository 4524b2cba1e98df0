import {
  aggregateWiki,
  coverMatch,
  exactMatch,
  f1Parts,
  f1Score,
  judgeAccuracy,
  normalizeAnswer,
  scoreAnswer,
  type AnswerJudge,
} from "../src/tools/wiki/index.js";

describe("HotpotQA answer normalisation", () => {
  test.each([
    ["The Silent Harbor", "silent harbor"],
    ["  An apple, a DAY! ", "apple day"],
    ["the theatre of the absurd", "theatre of absurd"],
    ["Marlow Vance (footballer)", "marlow vance footballer"],
    ["412,350", "412350"],
    ["rock-and-roll", "rockandroll"],
    ["Anna's", "annas"],
    ["", ""],
  ])("%j -> %j", (input, expected) => {
    expect(normalizeAnswer(input)).toBe(expected);
  });
});

describe("exact match and F1", () => {
  test("EM ignores case, punctuation, articles and spacing", () => {
    expect(exactMatch("the Silent  Harbor.", "Silent Harbor")).toBe(1);
    expect(exactMatch("412350", "412,350")).toBe(1);
    expect(exactMatch("Silent Harbour", "Silent Harbor")).toBe(0);
  });

  test("partial F1 matches a hand computation", () => {
    // pred {marlow, vance, footballer} vs gold {marlow, vance}: P = 2/3, R = 1, F1 = 0.8
    expect(f1Parts("Marlow Vance (footballer)", "Marlow Vance")).toEqual({ precision: 2 / 3, recall: 1, f1: 0.8 });
    // repeated tokens count once per gold occurrence: common = {new, york} -> P = R = 2/3
    expect(f1Score("new new york", "new york city")).toBeCloseTo(2 / 3, 12);
    // articles do not count as tokens: "the university of kelholm" -> {university, of, kelholm}
    const { precision, recall } = f1Parts("the University of Kelholm", "Kelholm");
    expect([precision, recall]).toEqual([1 / 3, 1]);
    expect(f1Score("Ashford", "Kelholm")).toBe(0);
  });

  test("yes/no/noanswer score F1 0 unless identical", () => {
    expect(f1Score("yes", "no")).toBe(0);
    expect(f1Score("yes, they were", "yes")).toBe(0);
    expect(f1Score("no", "no the two")).toBe(0);
    expect(f1Score("noanswer", "Marlow Vance noanswer")).toBe(0);
    expect(f1Score("Yes.", "yes")).toBe(1);
    expect(f1Score("no", "No")).toBe(1);
  });

  test("an empty prediction scores 0", () => {
    expect(exactMatch("", "1931")).toBe(0);
    expect(f1Score("", "1931")).toBe(0);
    expect(coverMatch("", "1931")).toBe(0);
  });
});

describe("cover-EM accuracy", () => {
  test("the normalised gold must appear as whole tokens in the prediction", () => {
    expect(coverMatch("It was directed by Marlow Vance.", "Marlow Vance")).toBe(1);
    expect(coverMatch("No, they were not.", "no")).toBe(1);
    expect(coverMatch("not known", "no")).toBe(0);
    expect(coverMatch("Vancette", "Vance")).toBe(0);
    expect(coverMatch("Vance", "Marlow Vance")).toBe(0);
  });
});

describe("scoreAnswer", () => {
  test("nothing delivered: every score is 0", () => {
    expect(scoreAnswer(null, "1931")).toEqual({ delivered: 0, em: 0, f1: 0, accuracy: 0 });
    expect(scoreAnswer("   ", "1931")).toEqual({ delivered: 0, em: 0, f1: 0, accuracy: 0 });
  });

  test("a delivered answer gets em, f1 and accuracy", () => {
    expect(scoreAnswer("The Silent Harbor", "silent harbor")).toEqual({ delivered: 1, em: 1, f1: 1, accuracy: 1 });
    expect(scoreAnswer("born in 1931", "1931")).toEqual({ delivered: 1, em: 0, f1: 0.5, accuracy: 1 });
    expect(scoreAnswer("1932", "1931")).toEqual({ delivered: 1, em: 0, f1: 0, accuracy: 0 });
  });
});

describe("aggregateWiki", () => {
  test("means over all runs; accurate-delivery over delivered runs only", () => {
    const agg = aggregateWiki([
      { delivered: 1, em: 1, f1: 1, accuracy: 1 },
      { delivered: 1, em: 0, f1: 0.5, accuracy: 1 },
      { delivered: 1, em: 0, f1: 0, accuracy: 0 },
      { delivered: 0, em: 0, f1: 0, accuracy: 0 },
    ]);
    expect(agg).toEqual({ n: 4, em: 0.25, f1: 0.375, accuracy: 0.5, delivery_rate: 0.75, accurate_delivery: 2 / 3 });
  });

  test("empty and never-delivered sets give zeros, not NaN", () => {
    expect(aggregateWiki([])).toEqual({ n: 0, em: 0, f1: 0, accuracy: 0, delivery_rate: 0, accurate_delivery: 0 });
    expect(aggregateWiki([{ delivered: 0, em: 0, f1: 0, accuracy: 0 }]).accurate_delivery).toBe(0);
  });
});

describe("judgeAccuracy", () => {
  test("without a judge it falls back to cover-EM", async () => {
    expect(await judgeAccuracy("q", "Marlow Vance", "It was Marlow Vance")).toBe(1);
    expect(await judgeAccuracy("q", "Marlow Vance", "Vance")).toBe(0);
  });

  test("the judge decides non-exact answers and is not asked otherwise", async () => {
    const calls: [string, string, string][] = [];
    const judge: AnswerJudge = async (question, gold, predicted) => {
      calls.push([question, gold, predicted]);
      return predicted === "M. Vance";
    };
    expect(await judgeAccuracy("Who directed X?", "Marlow Vance", "M. Vance", judge)).toBe(1);
    expect(await judgeAccuracy("Who directed X?", "Marlow Vance", "Ilse Thorne", judge)).toBe(0);
    expect(await judgeAccuracy("Who directed X?", "Marlow Vance", "marlow vance", judge)).toBe(1);
    expect(await judgeAccuracy("Who directed X?", "Marlow Vance", null, judge)).toBe(0);
    expect(await judgeAccuracy("Who directed X?", "Marlow Vance", "  ", judge)).toBe(0);
    expect(calls).toEqual([
      ["Who directed X?", "Marlow Vance", "M. Vance"],
      ["Who directed X?", "Marlow Vance", "Ilse Thorne"],
    ]);
  });
});

/**
 * Expected values computed by the official hotpot_evaluate_v1.py (normalize_answer,
 * exact_match_score, f1_score) under CPython 3.11, on input where JavaScript's defaults differ
 * from Python's: Unicode word boundaries (Python's re treats every script's letters and digits
 * as \\w, but not combining marks or U+FEFF), Python's str.split() whitespace (U+001C-U+001F and
 * U+0085 split; U+FEFF and U+200B do not) and ASCII-only string.punctuation.
 */
describe("HotpotQA normalisation on Unicode input, as hotpot_evaluate_v1.py", () => {
  test.each([
    ["\u00f1the", "\u00f1the"],
    ["\u65e5\u672cthe", "\u65e5\u672cthe"],
    ["\u00c7a Ira", "\u00e7a ira"],
    ["The \u00c7a Ira", "\u00e7a ira"],
    ["a\ufeffb", "\ufeffb"],
    ["a\u0085b", "b"],
    ["a\u001fb", "b"],
    ["a\u00a0b", "b"],
    ["a\u200bb", "\u200bb"],
    ["a\u3000b", "b"],
    ["the\u2028end", "end"],
    ["\u00d6lthe an", "\u00f6lthe"],
    ["l'an", "lan"],
    ["Anne the", "anne"],
    ["theatre", "theatre"],
    ["THE \u00c9COLE", "\u00e9cole"],
    ["A\u0301 the", "\u0301"],
    ["\u216bThe", "\u217bthe"],
    ["\u2460the", "\u2460the"],
    ["x_the", "xthe"],
    ["the_x", "thex"],
    ["\uff54\uff48\uff45 end", "\uff54\uff48\uff45 end"],
    ["\u0130stanbul the", "i\u0307stanbul"],
    ["Stra\u00dfe", "stra\u00dfe"],
    ["\u039f\u0394\u039f\u03a3 the", "\u03bf\u03b4\u03bf\u03c2"],
    ["the\u2014dash", "\u2014dash"],
    ["\u201cthe\u201d quote", "\u201c \u201d quote"],
    ["the\u0009end\u000a", "end"],
    ["  An  apple  ", "apple"],
    ["a\u1680b", "b"],
    ["a\u202fb", "b"],
    ["a\u205fb", "b"],
    ["a\u0301the", "\u0301"],
    ["\u0663the", "\u0663the"],
    ["\u203dthe", "\u203d"],
    ["der the", "der"],
    ["yes", "yes"],
    ["Yes.", "yes"],
    ["no!", "no"],
    ["noanswer", "noanswer"],
  ])("normalize_answer(%j) == %j", (input, expected) => {
    expect(normalizeAnswer(input)).toBe(expected);
  });

  test.each([
    ["\u00f1the", "\u00f1", 0, 0],
    ["\u00c7a Ira", "\u00e7a ira", 1, 1.0],
    ["a\ufeffb", "a b", 0, 0],
    ["a\u0085b", "a b", 1, 1.0],
    ["a\u001fb", "a b", 1, 1.0],
    ["\u65e5\u672cthe", "\u65e5\u672c", 0, 0],
    ["the \u00c7a Ira!", "\u00c7a Ira", 1, 1.0],
    ["the theatre", "theatre", 1, 1.0],
    ["new\u3000york", "new york", 1, 1.0],
    ["Yes", "no", 0, 0],
    ["yes", "yes", 1, 1.0],
    ["Marlow Vance (footballer)", "Marlow Vance", 0, 0.8],
    ["\u039f\u0394\u039f\u03a3", "\u03bf\u03b4\u03bf\u03c2", 1, 1.0],
    ["a\u200bb c", "ab c", 0, 0.5],
  ])("exact_match_score(%j, %j) == %d, f1 == %d", (prediction, gold, em, f1) => {
    expect(exactMatch(prediction, gold)).toBe(em);
    expect(f1Score(prediction, gold)).toBeCloseTo(f1, 12);
  });

  test("cover-EM uses the same normalisation", () => {
    expect(coverMatch("It is \u00f1the place", "\u00f1the")).toBe(1);
    expect(coverMatch("It is \u00f1 place", "\u00f1the")).toBe(0);
  });
});
