// Firm: a self-assessment of its own firm, reviewed and validated by its RTI (the assessor's form in self mode).
export { renderSelf as render } from './assessments.js';
