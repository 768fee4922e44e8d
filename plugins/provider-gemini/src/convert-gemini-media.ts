import { InvalidRequestError, type FilePartV1, type ImagePartV1 } from '@modelgate/core';
import type { FetchedMedia } from '@modelgate/plugin-kit';
import type { GeminiPart } from './gemini-wire.js';

/** Downloads a URL the upstream cannot read itself (plugin-kit's `fetchMedia` with the operator's limits). */
export type GeminiMediaFetcher = (url: string) => Promise<FetchedMedia>;

/** URLs Google reads itself, sent as `fileData`: Cloud Storage, Files API uploads, and YouTube videos. */
export function isGoogleFileUri(url: string): boolean {
  return (
    url.startsWith('gs://') ||
    /^https:\/\/generativelanguage\.googleapis\.com\/[^/]+\/files\//.test(url) ||
    /^https:\/\/(?:www\.|m\.)?(?:youtube\.com\/watch\?|youtu\.be\/)/.test(url)
  );
}

function youtube(url: string): boolean {
  return /youtube\.com|youtu\.be/.test(url);
}

/**
 * One image or file part as a Gemini part: inline data as `inlineData`; URLs Google reads itself as
 * `fileData`; a `file-id` (`files/abc`) as a Files API URI under `filesBaseURL`; any other http(s) or
 * data URL downloaded (bounded, private addresses refused) and inlined. `path` names the part in errors.
 */
export async function convertGeminiMedia(
  part: ImagePartV1 | FilePartV1,
  path: string,
  options: { fetchMedia: GeminiMediaFetcher; filesBaseURL: string },
): Promise<GeminiPart> {
  const source = part.source;
  if (source.type === 'data') {
    if (part.mediaType === undefined) {
      throw new InvalidRequestError(`${path}.mediaType is required for inline data sent to Gemini.`, { param: `${path}.mediaType` });
    }
    return { inlineData: { mimeType: part.mediaType, data: source.data } };
  }
  if (source.type === 'file-id') {
    const fileUri = /^(?:https?|gs):\/\//.test(source.fileId)
      ? source.fileId
      : `${options.filesBaseURL}/${source.fileId.startsWith('files/') ? source.fileId : `files/${source.fileId}`}`;
    return { fileData: { fileUri, ...(part.mediaType === undefined ? {} : { mimeType: part.mediaType }) } };
  }
  const url = source.url;
  if (isGoogleFileUri(url)) {
    const mimeType = part.mediaType ?? (youtube(url) ? 'video/*' : undefined);
    return { fileData: { fileUri: url, ...(mimeType === undefined ? {} : { mimeType }) } };
  }
  const fetched = await options.fetchMedia(url);
  const mimeType = part.mediaType ?? fetched.mediaType;
  if (mimeType === undefined) {
    throw new InvalidRequestError(`${path}.mediaType is required: ${url} was served without a content type.`, {
      param: `${path}.mediaType`,
    });
  }
  return { inlineData: { mimeType, data: Buffer.from(fetched.data).toString('base64') } };
}
