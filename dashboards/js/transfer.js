// Files to and from the API with the session's token: downloads (PDF, CSV, evidence files) saved through a blob link,
// CSV and zip uploads to the import routes, which answer 202 with a job ({id, state, done, total, …}) to poll, and
// raw file uploads with their progress (evidence files).
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

/**
 * Posts a file's raw bytes (application/octet-stream) and answers the JSON the service returns. onProgress(sent, total)
 * follows the upload (XMLHttpRequest: fetch reports no upload progress); a refusal rejects with an ApiError carrying
 * the Problem+JSON body, so its field errors can be shown.
 */
export function uploadFile(path, file, { onProgress, signal } = {}) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.setRequestHeader('Accept', 'application/json');
    if (session.token()) xhr.setRequestHeader('Authorization', `Bearer ${session.token()}`);
    if (onProgress) xhr.upload.addEventListener('progress', (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size));
    const parsed = () => {
      try {
        return xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        return null;
      }
    };
    xhr.addEventListener('load', () => {
      const body = parsed();
      if (xhr.status >= 200 && xhr.status < 300) resolve(body);
      else reject(new ApiError(xhr.status, body, body?.detail || (xhr.status === 413 ? 'The file is too large.' : `The upload was refused (${xhr.status}).`)));
    });
    xhr.addEventListener('error', () => reject(new ApiError(0, null, 'The service cannot be reached. Check the connection and try again.')));
    xhr.addEventListener('abort', () => reject(new DOMException('The upload was cancelled.', 'AbortError')));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}
