// Monaco, bundled with the site (never from a CDN) and trimmed to what a Node sandbox needs:
// the editor, its standard features, JavaScript with diagnostics, and JSON.
import * as monaco from 'monaco-editor/editor/editor.api';
import 'monaco-editor/features/register.all';
import 'monaco-editor/languages/definitions/javascript/register';
import 'monaco-editor/languages/features/typescript/register';
import 'monaco-editor/languages/features/json/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import TsWorker from 'monaco-editor/languages/features/typescript/ts.worker?worker';
import JsonWorker from 'monaco-editor/languages/features/json/json.worker?worker';
import { loader } from '@monaco-editor/react';

self.MonacoEnvironment = {
  getWorker(_workerId: string, label: string) {
    if (label === 'typescript' || label === 'javascript') return new TsWorker();
    if (label === 'json') return new JsonWorker();
    return new EditorWorker();
  },
};

// The sandboxes are plain Node ESM: check the JavaScript, but don't ask for types it cannot have.
const ts = (monaco.languages as unknown as { typescript?: { javascriptDefaults: { setCompilerOptions(o: object): void; setDiagnosticsOptions(o: object): void } } }).typescript;
ts?.javascriptDefaults.setCompilerOptions({ target: 99, module: 99, moduleResolution: 2, allowJs: true, checkJs: false, allowNonTsExtensions: true });
ts?.javascriptDefaults.setDiagnosticsOptions({ noSemanticValidation: true, noSyntaxValidation: false });

loader.config({ monaco });

export { monaco };
