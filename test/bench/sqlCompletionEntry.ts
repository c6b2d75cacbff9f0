// What the completion benchmark needs from the language server, bundled like dist/server.js.
export { createSqlLanguageFeatures } from '../../server/src/languageService/sql/sqlLanguageFeatures';
export { TextDocument } from 'vscode-languageserver-textdocument';
