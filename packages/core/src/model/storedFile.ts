/** A file in ConnectyCube storage (`/blobs`, docs/protocol.md §6). */
export interface StoredFile {
  /** Blob id (for info, complete, delete). */
  id: number;
  /** Blob uid: what attachments carry and download URLs are built from. */
  uid: string;
  /** File name. */
  name: string;
  /** MIME type. */
  contentType: string;
  /** Size in bytes; null until the upload is completed. */
  size: number | null;
  /** Public files download without a token. */
  public: boolean;
}

/** What a finished upload gives: the stored file, and its download URL (with no token; see `client.files.url`). */
export interface UploadedFile extends StoredFile {
  /** `{apiUrl}/blobs/{uid}`; a private file also needs `?token=` (use `client.files.url(uid)`). */
  url: string;
}

/** Upload progress: bytes of the file sent so far, of `total`. */
export interface UploadProgress {
  loaded: number;
  total: number;
}
