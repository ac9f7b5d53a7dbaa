// @actions/workflow-parser imports its schema (a .json file) without an import attribute, which
// bundlers accept and Node refuses; this hook adds the attribute. Used with node --import.
import { register } from 'node:module';

register('data:text/javascript,' + encodeURIComponent(`
export async function load(url, context, nextLoad) {
  if (url.endsWith('.json'))
    return nextLoad(url, { ...context, ['importAttributes' in context ? 'importAttributes' : 'importAssertions']: { type: 'json' } });
  return nextLoad(url, context);
}`));
