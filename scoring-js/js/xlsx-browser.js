import init from './scoring_xlsx.js';

await init();

export * from './xlsx-api.js';
