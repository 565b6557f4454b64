// The kit's REST types, generated from the chat process's OpenAPI document by openapi-typescript:
// frontend/kit/src/generated/api.ts. The API check (openapi.test.ts) regenerates them from a running
// chat process and fails when the committed file differs; `scripts/api-check.sh --write-types`
// writes it.
import { repoRoot } from '@smartchat/platform';
import openapiTS, { astToString } from 'openapi-typescript';
import { join } from 'node:path';
import ts from 'typescript';

export const API_TYPES_FILE = join(repoRoot, 'frontend/kit/src/generated/api.ts');
/** The back-office's client (services/client): the routes an integration calls, and nothing else. */
export const CLIENT_TYPES_FILE = join(repoRoot, 'services/client/src/generated/api.ts');

const CLIENT_HEADER = `// Generated from the chat process's /v1/openapi.json by openapi-typescript: the routes an
// integration calls (with an API key or a back-office token). Do not edit; regenerate with
// \`scripts/api-check.sh --write-types\` (make test fails while this file differs from the document).
`;

type OperationDocument = { security?: Record<string, string[]>[] };

/** The document with only the operations an integration may call (security names integrationKey or backoffice). */
export function integrationDocument(document: { paths: Record<string, Record<string, OperationDocument>> }): unknown {
  const forIntegrations = (operation: OperationDocument) => (operation.security ?? []).some((scheme) => 'integrationKey' in scheme || 'backoffice' in scheme);
  const paths = Object.fromEntries(
    Object.entries(document.paths)
      .map(([path, operations]) => [path, Object.fromEntries(Object.entries(operations).filter(([, operation]) => forIntegrations(operation)))] as const)
      .filter(([, operations]) => Object.keys(operations).length > 0),
  );
  return { ...document, paths };
}

export async function generateClientTypes(document: { paths: Record<string, Record<string, OperationDocument>> }): Promise<string> {
  const nodes = await openapiTS(integrationDocument(document) as Parameters<typeof openapiTS>[0], { alphabetize: true, arrayLength: true, silent: true });
  return CLIENT_HEADER + astToString(nodes);
}

const HEADER = `// Generated from the chat process's /v1/openapi.json by openapi-typescript: do not edit. Regenerate
// with \`scripts/api-check.sh --write-types\` (make test fails while this file differs from what the
// document generates). The kit's REST client (../api.ts) is typed by it.
`;

export async function generateApiTypes(document: unknown): Promise<string> {
  const nodes = await openapiTS(document as Parameters<typeof openapiTS>[0], {
    alphabetize: true,
    // Two HH:MM times (business hours) are a [string, string], as in the contracts.
    arrayLength: true,
    silent: true,
    // An uploaded or downloaded file is a Blob in the browser, not a string.
    transform: (schema) => (schema.format === 'binary' ? ts.factory.createTypeReferenceNode('Blob') : undefined),
  });
  return HEADER + astToString(nodes);
}
