import { readFile } from 'node:fs/promises';
import { validateXML } from 'xmllint-wasm';

const SCHEMA = new URL('./junit.xsd', import.meta.url);

/**
 * libxml2's verdict (xmllint-wasm, a devDependency: for tests only) on `xml` against the JUnit schema CI
 * systems read (junit.xsd beside this file).
 */
export async function validateJUnit(xml: string): Promise<{ valid: boolean; errors: string[] }> {
  const result = await validateXML({
    xml: [{ fileName: 'junit.xml', contents: xml }],
    schema: [{ fileName: 'junit.xsd', contents: await readFile(SCHEMA, 'utf8') }],
  });
  return { valid: result.valid, errors: result.errors.map((e) => e.rawMessage) };
}
