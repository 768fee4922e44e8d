/**
 * A Google API base URL without its trailing version segment (`/v1beta`, `/v1`, `/v1beta1`): the root
 * Google's SDKs send their paths under, since they put the version in the path themselves
 * (`/v1beta/models/{model}:generateContent`). A base URL without a version segment is the root already.
 */
export function googleApiRoot(baseURL: string): string {
  return baseURL.replace(/\/+$/, '').replace(/\/v\d+(?:(?:alpha|beta)\d*)?$/, '');
}
