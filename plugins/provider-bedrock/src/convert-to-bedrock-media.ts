import { UnsupportedError, type FilePartV1, type ImagePartV1, type WarningV1 } from '@modelgate/core';
import { fetchMedia, type FetchMediaOptions } from '@modelgate/plugin-kit';
import type {
  BedrockDocumentBlock,
  BedrockDocumentFormat,
  BedrockImageBlock,
  BedrockImageFormat,
  BedrockSource,
} from './bedrock-wire-types.js';

const imageFormats: Record<string, BedrockImageFormat> = {
  'image/png': 'png',
  'image/jpeg': 'jpeg',
  'image/jpg': 'jpeg',
  'image/gif': 'gif',
  'image/webp': 'webp',
};

const documentFormats: Record<string, BedrockDocumentFormat> = {
  'application/pdf': 'pdf',
  'text/csv': 'csv',
  'application/msword': 'doc',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.ms-excel': 'xls',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'text/html': 'html',
  'text/plain': 'txt',
  'text/markdown': 'md',
};

/** Per request: Bedrock wants every document name unique, and only letters, digits, spaces, `-()[]`. */
export class DocumentNames {
  private readonly used = new Set<string>();

  take(filename: string | undefined): string {
    const stem = (filename ?? '').replace(/\.[^.]*$/, '');
    const cleaned =
      stem
        .replace(/[^A-Za-z0-9\s\-()[\]]/g, ' ')
        .replace(/\s+/g, ' ')
        .trim() || 'document';
    let name = cleaned;
    for (let count = 2; this.used.has(name); count += 1) name = `${cleaned} (${count})`;
    this.used.add(name);
    return name;
  }
}

export interface MediaContext {
  fetch: FetchMediaOptions;
  names: DocumentNames;
  warnings: WarningV1[];
  /** Where the part sits, for error messages (`messages[1].content[0]`). */
  path: string;
  signal?: AbortSignal | undefined;
}

function baseMediaType(mediaType: string | undefined): string | undefined {
  return mediaType?.split(';')[0]?.trim().toLowerCase() || undefined;
}

/** The bytes of a part as Bedrock takes them: inline base64, or an `s3://` file id as an S3 location. */
async function sourceOf(
  part: ImagePartV1 | FilePartV1,
  context: MediaContext,
): Promise<{ source: BedrockSource; mediaType: string | undefined }> {
  const declared = baseMediaType(part.mediaType);
  if (part.source.type === 'data') return { source: { bytes: part.source.data }, mediaType: declared };
  if (part.source.type === 'file-id') {
    if (part.source.fileId.startsWith('s3://')) return { source: { s3Location: { uri: part.source.fileId } }, mediaType: declared };
    throw new UnsupportedError('Bedrock takes files by id only as S3 URIs (s3://bucket/key).', { param: `${context.path}.source` });
  }
  // Bedrock never downloads a URL itself: the gateway fetches it, bounded in size and time, public addresses only.
  const fetched = await fetchMedia(part.source.url, { ...context.fetch, ...(context.signal ? { signal: context.signal } : {}) });
  const buffer = Buffer.from(fetched.data.buffer, fetched.data.byteOffset, fetched.data.byteLength);
  return { source: { bytes: buffer.toString('base64') }, mediaType: declared ?? baseMediaType(fetched.mediaType) };
}

export async function convertImage(part: ImagePartV1, context: MediaContext): Promise<BedrockImageBlock> {
  if (part.detail !== undefined) {
    context.warnings.push({
      type: 'unsupported-setting',
      setting: `${context.path}.detail`,
      message: 'Bedrock has no image detail setting; it was dropped.',
    });
  }
  const { source, mediaType } = await sourceOf(part, context);
  const format = mediaType === undefined ? undefined : imageFormats[mediaType];
  if (format === undefined) {
    throw new UnsupportedError(`Bedrock takes PNG, JPEG, GIF and WebP images, not ${mediaType ?? 'an image without a media type'}.`, {
      param: `${context.path}.mediaType`,
    });
  }
  return { image: { format, source } };
}

export async function convertDocument(part: FilePartV1, context: MediaContext): Promise<BedrockDocumentBlock> {
  const { source, mediaType } = await sourceOf(part, context);
  const format = mediaType === undefined ? undefined : documentFormats[mediaType];
  if (format === undefined) {
    throw new UnsupportedError(
      `Bedrock takes documents of types ${Object.keys(documentFormats).join(', ')}, not ${mediaType ?? 'a file without a media type'}.`,
      { param: `${context.path}.mediaType` },
    );
  }
  return { document: { format, name: context.names.take(part.filename), source } };
}

/** An image or a document by its part type. */
export function convertMedia(part: ImagePartV1 | FilePartV1, context: MediaContext): Promise<BedrockImageBlock | BedrockDocumentBlock> {
  return part.type === 'image' ? convertImage(part, context) : convertDocument(part, context);
}
