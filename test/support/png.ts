import { PNG } from "pngjs";

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** What a reader's eye would first notice about a PNG: its size and how much of it is not background. */
export function inspectPng(data: Buffer) {
  if (!data.subarray(0, 8).equals(PNG_SIGNATURE)) throw new Error("not a PNG: wrong signature");
  // IHDR comes first: width and height as big-endian 32-bit numbers after the chunk's length and type.
  if (data.toString("latin1", 12, 16) !== "IHDR") throw new Error("not a PNG: IHDR is not the first chunk");
  const ihdr = { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
  const image = PNG.sync.read(data);
  let inked = 0;
  const colours = new Set<number>();
  for (let i = 0; i < image.data.length; i += 4) {
    const [r, g, b] = [image.data[i]!, image.data[i + 1]!, image.data[i + 2]!];
    if (r < 235 || g < 235 || b < 235) inked += 1;
    colours.add((r >> 4) * 256 + (g >> 4) * 16 + (b >> 4));
  }
  return { ihdr, width: image.width, height: image.height, inkedShare: inked / (image.width * image.height), colours: colours.size };
}
