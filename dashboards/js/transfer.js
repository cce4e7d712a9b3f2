// Files to and from the API with the session's token: downloads (PDF, CSV) saved through a blob link, and CSV
// and zip uploads to the import routes, which answer 202 with a job ({id, state, done, total, …}) to poll.
import { session } from './session.js';
import { ApiError } from './api.js';

async function problemOf(response) {
  try {
    return await response.json();
  } catch {
    return null;
  }
}

/** Saves what the browser would otherwise need a bearer token to fetch. */
export async function downloadFile(path, filename) {
  const headers = {};
  if (session.token()) headers.Authorization = `Bearer ${session.token()}`;
  const response = await fetch(path, { headers });
  if (!response.ok) {
    const problem = await problemOf(response);
    throw new ApiError(response.status, problem, problem?.detail || `The download failed (${response.status}).`);
  }
  saveBlob(await response.blob(), filename);
}

/** Offers a blob as a file download. */
export function saveBlob(blob, filename) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/** Posts a file (CSV unless contentType says otherwise) to an import route; answers the job the service started. */
export async function uploadCsv(path, file, contentType = 'text/csv') {
  const headers = { 'Content-Type': contentType, Accept: 'application/json' };
  if (session.token()) headers.Authorization = `Bearer ${session.token()}`;
  const response = await fetch(path, { method: 'POST', headers, body: file });
  if (!response.ok) {
    const problem = await problemOf(response);
    throw new ApiError(response.status, problem, problem?.detail || `The upload was refused (${response.status}).`);
  }
  return response.json();
}
