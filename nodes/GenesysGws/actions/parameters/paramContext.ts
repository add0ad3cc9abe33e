/**
 * What reading parameters needs of n8n's context (narrow, so the README generator can run the same checks on
 * samples; `getInputData` only where a parameter may come from the incoming item).
 */
import type { IExecuteFunctions } from 'n8n-workflow';

export type ParamContext = Pick<IExecuteFunctions, 'getNode' | 'getNodeParameter'> &
	Partial<Pick<IExecuteFunctions, 'getInputData'>>;
