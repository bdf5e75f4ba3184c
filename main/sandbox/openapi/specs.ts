import confluenceSpec from '../../../tests/fixtures/specs/confluence/confluence-pages-subset.json' with { type: 'json' };
import smartsheetSpec from '../../../tests/fixtures/specs/smartsheet/smartsheet-subset.json' with { type: 'json' };
import { OpenApiRequestValidator } from './request-validator';

/**
 * The official descriptions (subsets, see tests/fixtures/specs/<system>/SOURCE.md) the Smartsheet
 * and Confluence simulators check every request against. Built once: compiling the schemas is slow.
 */
let smartsheet: OpenApiRequestValidator | null = null;
let confluence: OpenApiRequestValidator | null = null;

export function smartsheetValidator(): OpenApiRequestValidator {
  return (smartsheet ??= new OpenApiRequestValidator(smartsheetSpec, 'Smartsheet API 2.0'));
}

export function confluenceValidator(): OpenApiRequestValidator {
  return (confluence ??= new OpenApiRequestValidator(confluenceSpec, 'Confluence Cloud REST API v2'));
}
