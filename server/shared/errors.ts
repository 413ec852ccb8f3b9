/** A failure the API reports to its caller: HTTP status, dotted code, message, optional details. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown[] = [],
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badRequest = (code: string, message: string, details?: unknown[]) =>
  new AppError(400, code, message, details);
export const unauthenticated = (code: string, message: string) => new AppError(401, code, message);
export const forbidden = (code: string, message: string, details?: unknown[]) =>
  new AppError(403, code, message, details);
export const notFound = (code: string, message: string, details?: unknown[]) =>
  new AppError(404, code, message, details);
export const conflict = (code: string, message: string, details?: unknown[]) =>
  new AppError(409, code, message, details);
export const unprocessable = (code: string, message: string, details?: unknown[]) =>
  new AppError(422, code, message, details);
