import { readFileSync } from 'node:fs';
import { DataError, bundledRubrics, explain, loadRubric, score } from 'scoring-engine';

// The bundled Shandong 2017 rubric, and a year's counts as Excel saved them.
const rubric = loadRubric((await bundledRubrics())[0].yaml);
const report = score(rubric, readFileSync(process.argv[2]), { name: 'dept6.csv' });
for (const office of report.offices) {
  console.log(`${office.rank} ${office.office} ${office.total}`);
}
console.log(explain(report, '法规处', 'decision_drafts', 'en').message);

// Bad input is a typed error, located, in Chinese and English.
try {
  score(rubric, readFileSync(process.argv[2], 'utf8').replace('法规处,6,', '法规处,six,'));
} catch (e) {
  if (!(e instanceof DataError)) throw e;
  // Each message says where: file, line, column, office and input.
  console.log(e.text('en'));
  const [first] = e.diagnostics;
  console.log(e.code, first.line, first.column, first.office, first.input);
}
