// Checked by `tsc` (package.test.mjs): the shipped types describe the API
// as the tests and examples use it, and refuse what it refuses.
import {
  DataError,
  RubricError,
  ScoringError,
  bundledRubrics,
  diff,
  explain,
  fingerprint,
  loadRubric,
  schema,
  score,
  template,
  type Diagnostic,
  type Report,
} from 'scoring-engine';
import { readWorkbook } from 'scoring-engine/xlsx';

const rubric = loadRubric((await bundledRubrics())[0].yaml, 'shandong.yaml');
const report: Report = score(rubric, '处室,decision_drafts\n办公室,4\n', { lang: 'en', explanations: ['办公室'] });
const total: string = report.offices[0].total;
const rank: number = report.offices[0].rank;
const points: string = report.offices[0].indicators['decision_drafts'].points;
const why = explain(report, '办公室', 'decision_drafts', 'zh');
const sentence: string = why.message;
const changes = diff(rubric, rubric, [{ 处室: '办公室', decision_drafts: 4 }]);
const moved: boolean | undefined = changes.impact?.offices.some((o) => o.old_place !== o.new_place);
const hex: string = fingerprint(rubric) + template(rubric, 'en') + String((await schema())['title']);
const book = readWorkbook(new Uint8Array());
score(rubric, book);
score(rubric, [['处室', 'decision_drafts'], ['办公室', 4]]);

try {
  score(rubric, new Uint8Array([0xff]));
} catch (e) {
  if (e instanceof DataError || e instanceof RubricError) {
    const first: Diagnostic = e.diagnostics[0];
    const where: number | undefined = first.line;
    const zh: string = e.text('zh') + first.message.en + String(where);
    void zh;
  } else if (e instanceof ScoringError) {
    const kind: 'rubric' | 'data' | 'format' | 'score' | 'usage' = e.kind;
    void kind;
  }
}

// @ts-expect-error: the language is zh or en
score(rubric, '', { lang: 'fr' });
// @ts-expect-error: figures are strings, never numbers
const wrong: number = report.offices[0].total;

void [total, rank, points, sentence, moved, hex, wrong];
