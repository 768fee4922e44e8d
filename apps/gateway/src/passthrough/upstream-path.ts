const prefix = '/passthrough/';

/** A query parameter's name as the query parser reads it (`+` is a space, percent escapes decoded). */
function parameterName(part: string): string {
  const equals = part.indexOf('=');
  const raw = (equals === -1 ? part : part.slice(0, equals)).replaceAll('+', ' ');
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/**
 * The path after `/passthrough/{provider}`, with its query as the caller sent it except every `key`
 * parameter: that is the gateway key in Google's query form, which never goes upstream. The other
 * parameters keep their bytes and their order.
 */
export function upstreamPath(url: string): string {
  const rest = url.slice(url.indexOf(prefix) + prefix.length);
  const path = rest.slice(rest.indexOf('/'));
  const question = path.indexOf('?');
  if (question === -1) return path;
  const kept = path
    .slice(question + 1)
    .split('&')
    .filter((part) => part !== '' && parameterName(part) !== 'key');
  return kept.length === 0 ? path.slice(0, question) : `${path.slice(0, question)}?${kept.join('&')}`;
}
