import { sizeText } from './bankfile';
import { m } from './messages.vi';

/** The largest picture a question may show (quiz.MaxImageBytes): 2 MB. */
export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;

/** The picture types every phone shows, as the file picker offers them and the server takes them. */
export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;

/** The file picker's accept attribute. */
export const IMAGE_ACCEPT = IMAGE_TYPES.join(',');

/** A picture as the server stored it (API.md, `Image`). */
export interface UploadedImage {
  id: string;
  url: string;
  content_type: string;
  size: number;
  width: number;
  height: number;
}

/**
 * Why a chosen file cannot be a question's picture, in Vietnamese, or "" when it can be sent:
 * checked before the upload, so a trainer on a slow link does not wait to hear a photo from a
 * camera is too large. The server checks the bytes again.
 */
export function pictureProblem(file: { size: number; type: string }): string {
  if (file.size === 0) return m.picture.empty;
  // A browser that cannot tell the type says "": the server reads the bytes and decides.
  if (file.type && !(IMAGE_TYPES as readonly string[]).includes(file.type)) return m.picture.wrongType;
  if (file.size > MAX_IMAGE_BYTES) return m.picture.tooLarge(sizeText(file.size));
  return '';
}

/** Where the picture of that id is served (GET /api/images/:id); "" for none. */
export function pictureUrl(id: string | undefined | null): string {
  return id ? `/api/images/${encodeURIComponent(id)}` : '';
}

/** The most of a phone's screen height a question's picture takes. */
export const PHONE_PICTURE_SHARE = 0.35;
/** The least height a phone gives a picture, in px: smaller, it shows nothing one can read. */
export const PHONE_PICTURE_MIN = 88;

/**
 * How tall a phone shows a question's picture, in px: up to 35 % of the screen, less whatever
 * would push the bottom of the answers off the screen (the contestant must see every option
 * without scrolling while the countdown runs), but never under PHONE_PICTURE_MIN. `current`
 * is the height it has now and `answersBottom` where the answers end with it, in px from the
 * top of the page; the answer the height gives is the same when asked again with it.
 */
export function phonePictureHeight(viewport: number, current: number, answersBottom: number): number {
  const max = Math.round(viewport * PHONE_PICTURE_SHARE);
  const room = Math.floor(current + viewport - answersBottom);
  return Math.max(Math.min(PHONE_PICTURE_MIN, max), Math.min(max, room));
}
