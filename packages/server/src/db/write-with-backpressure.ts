import type { Writable } from 'node:stream';

/** Writes to a stream and resolves when it can take more; listeners are removed either way. */
export function writeWithBackpressure(stream: Writable, data: string | Buffer): Promise<void> {
  if (stream.write(data)) return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    const onDrain = () => {
      stream.off('error', onError);
      resolve();
    };
    const onError = (e: Error) => {
      stream.off('drain', onDrain);
      reject(e);
    };
    stream.once('drain', onDrain);
    stream.once('error', onError);
  });
}
