// .github/workflows/*.yml: each one read by GitHub's own parser (@actions/workflow-parser, the one
// behind the Actions editor support), which checks it against the workflow schema and converts
// it as the runner would; plus the rules of this project: every cmake, ctest, cpack and deploy
// command goes through scripts/ci-build.sh (which scripts/test.sh runs on Linux), and signing runs
// only when its secret is there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseWorkflow, convertWorkflowTemplate, NoOperationTraceWriter } from '@actions/workflow-parser';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dir = join(root, '.github', 'workflows');
const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));

async function parse(name, content) {
  const parsed = parseWorkflow({ name, content }, new NoOperationTraceWriter());
  const errors = parsed.context.errors.getErrors().map((e) => e.message);
  const template = parsed.value ? await convertWorkflowTemplate(parsed.context, parsed.value) : undefined;
  errors.push(...(template?.errors ?? []).map((e) => e.Message ?? e.message ?? String(e)));
  return { errors: [...new Set(errors)], template };   // the conversion repeats the parser's errors
}

test('there is a release workflow', () => {
  assert.ok(files.includes('release.yml'), `workflows: ${files.join(', ')}`);
});

for (const file of files) {
  const content = readFileSync(join(dir, file), 'utf8');

  test(`${file}: GitHub's parser accepts it`, async () => {
    const { errors, template } = await parse(file, content);
    assert.deepEqual(errors, []);
    assert.ok(template.jobs.length > 0);
  });

  test(`${file}: build, test and package commands go through scripts/ci-build.sh`, async () => {
    const { template } = await parse(file, content);
    let checked = 0;
    for (const job of template.jobs) {
      for (const step of job.steps) {
        const run = step.run?.toString() ?? '';
        for (const line of run.split('\n')) {
          if (/\b(cmake|ctest|cpack|windeployqt|macdeployqt|ci-build)\b/.test(line)) {
            assert.match(line, /^\s*bash scripts\/ci-build\.sh (configure|build|test|package|dependency) /, `${job.id}: ${line.trim()}`);
            ++checked;
          }
        }
      }
    }
    if (file === 'release.yml')
      assert.ok(checked >= 10, `only ${checked} build commands found: is the parser's model what this test expects?`);
  });

  test(`${file}: signing and notarisation steps only run when their secret exists`, async () => {
    const { template } = await parse(file, content);
    let signing = 0;
    for (const job of template.jobs) {
      for (const step of job.steps) {
        const run = step.run?.toString() ?? '';
        if (/\b(signtool|codesign|notarytool|security import)\b/.test(run)) {
          ++signing;
          const condition = step.if?.source ?? '';
          assert.match(condition, /^env\.\w+_CERTIFICATE != ''/, `${job.id} / ${step.name?.toString()}: if: ${condition}`);
        }
      }
    }
    if (file === 'release.yml')
      assert.equal(signing, 3, 'signing steps: the Windows installer, the macOS keychain import, notarisation');
  });
}

// A workflow the parser must reject, so that the test above can fail.
test('a broken workflow is reported', async () => {
  const { errors } = await parse('broken.yml', 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: x\n        run: y\n    bogus: 1\n');
  assert.deepEqual(errors, ["broken.yml (Line: 7, Col: 9): Unexpected value 'run'", "broken.yml (Line: 8, Col: 5): Unexpected value 'bogus'"]);
});
