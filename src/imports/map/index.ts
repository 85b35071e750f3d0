/**
 * The column mapper of the import center: canonical fields per entity, source-system presets, source
 * and entity detection, the mapping waterfall, and the M-PESA statement text parser.
 */
export { detectEntity, detectSource, sourceThreshold } from './detect.ts';
export { entityFields, fieldLabels, missingRequired, requiredFieldGroups } from './fields.ts';
export { confidence, type MapOptions, mapColumns, presetLookup, type ValueChecker } from './mapper.ts';
export { type MpesaDetails, parseMpesaDetails } from './mpesa.ts';
export { normaliseHeader } from './normalise.ts';
export { presets, type SourcePreset } from './presets/index.ts';
