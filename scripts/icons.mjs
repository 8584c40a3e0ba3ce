/**
 * Renders every icon Berth needs from the one source, assets/berth.svg, into dist/icons/:
 * - png/<n>x<n>.png, 16 to 1024: the Linux icon set and the window icon;
 * - icon.ico (16 to 256) for Windows and icon.icns (16 to 1024, with @2x) for macOS;
 * - tray/: the tray's states (idle, running, error, four busy frames) at 1x and @2x, and
 *   macOS template images (black with alpha, the tile dropped; the system tints them).
 * Generated, not committed: `npm run build` runs it and dist/ is ignored by git.
 * Usage: node scripts/icons.mjs [outDir]
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Resvg } from '@resvg/resvg-js';
import pngToIco from 'png-to-ico';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The one source every icon is drawn from. */
export const ICON_SOURCE = join(root, 'assets', 'berth.svg');

/** Where the icons go by default. */
export const ICON_OUT_DIR = join(root, 'dist', 'icons');

/** The app icon sizes, in pixels. */
export const APP_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];

/** The sizes inside the Windows .ico (Windows uses up to 256). */
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];

/** macOS .icns entries: the type code and the pixel size it holds. */
const ICNS_ENTRIES = [
  ['icp4', 16],
  ['icp5', 32],
  ['icp6', 64],
  ['ic07', 128],
  ['ic08', 256],
  ['ic09', 512],
  ['ic10', 1024],
  ['ic11', 32],
  ['ic12', 64],
  ['ic13', 256],
  ['ic14', 512],
];

/** The tray images' names without extension; tray-icon-state.ts names the same files. */
export const TRAY_IMAGES = [
  'tray-idle',
  'tray-running',
  'tray-error',
  'tray-busy-0',
  'tray-busy-1',
  'tray-busy-2',
  'tray-busy-3',
];

/** Tray sizes at 1x: Linux and Windows trays are about 16 to 32 px, macOS' menu bar 16 pt. */
const TRAY_PX = 32;
const TEMPLATE_PX = 16;

/** The badge's centre and radius in the source's 1024 grid, and the gap cut around it. */
const BADGE = { x: 780, y: 780, r: 196, gap: 252 };

/** Renders everything; resolves with the files written, relative to `outDir`. */
export async function renderIcons(outDir = ICON_OUT_DIR, source = ICON_SOURCE) {
  const svg = await readFile(source, 'utf8');
  const written = [];
  const put = async (name, bytes) => {
    await writeAtomically(join(outDir, name), bytes);
    written.push(name);
  };

  const pngs = new Map(APP_SIZES.map((size) => [size, render(svg, size)]));
  for (const [size, png] of pngs) await put(`png/${size}x${size}.png`, png);
  await put('icon.ico', await pngToIco(ICO_SIZES.map((size) => pngs.get(size))));
  await put('icon.icns', icns(ICNS_ENTRIES.map(([type, size]) => [type, pngs.get(size)])));

  for (const image of TRAY_IMAGES) {
    const colour = traySvg(svg, image, false);
    const template = traySvg(svg, image, true);
    await put(`tray/${image}.png`, render(colour, TRAY_PX));
    await put(`tray/${image}@2x.png`, render(colour, TRAY_PX * 2));
    await put(`tray/${image}Template.png`, render(template, TEMPLATE_PX));
    await put(`tray/${image}Template@2x.png`, render(template, TEMPLATE_PX * 2));
  }
  return written;
}

/** One PNG of `svg`, `size` pixels square. */
function render(svg, size) {
  const options = { fitTo: { mode: 'width', value: size }, font: { loadSystemFonts: false } };
  return new Resvg(svg, options).render().asPng();
}

/**
 * The source with a state badge in its corner. Template images drop the tile and turn every
 * colour black, keeping only the shapes' alpha, as macOS expects.
 */
export function traySvg(svg, image, template) {
  const open = /<svg[^>]*>/.exec(svg)?.[0];
  if (!open) throw new Error('the icon source has no <svg> element');
  let body = svg.slice(svg.indexOf(open) + open.length, svg.lastIndexOf('</svg>'));
  if (template) body = body.replace(/<g id="tile">[\s\S]*?<\/g>/, '');

  const badge = badgeFor(image);
  const defs = [
    '<filter id="mono"><feColorMatrix type="matrix"',
    ' values="0 0 0 0 0  0 0 0 0 0  0 0 0 0 0  0 0 0 1 0"/></filter>',
    '<mask id="badge-gap" maskUnits="userSpaceOnUse" x="0" y="0" width="1024" height="1024">',
    '<rect width="1024" height="1024" fill="#fff"/>',
    badge ? `<circle cx="${BADGE.x}" cy="${BADGE.y}" r="${BADGE.gap}" fill="#000"/>` : '',
    '</mask>',
    glyphMask(),
  ].join('');
  const layers = `<g mask="url(#badge-gap)">${body}</g>${badge}`;
  const content = template ? `<g filter="url(#mono)">${layers}</g>` : layers;
  return `${open}<defs>${defs}</defs>${content}</svg>`;
}

/** The badge of each tray image: none when idle, a dot, a turning ring, or a "!" dot. */
function badgeFor(image) {
  const { x, y, r } = BADGE;
  if (image === 'tray-idle') return '';
  if (image === 'tray-running') return `<circle cx="${x}" cy="${y}" r="${r}" fill="#2fb344"/>`;
  if (image === 'tray-error') {
    return `<circle cx="${x}" cy="${y}" r="${r}" fill="#d63939" mask="url(#glyph)"/>`;
  }
  const frame = Number(image.slice('tray-busy-'.length));
  const ring = r - 40;
  const around = 2 * Math.PI * ring;
  return [
    `<circle cx="${x}" cy="${y}" r="${ring}" fill="none" stroke="#f59f00" stroke-width="80"`,
    ` stroke-dasharray="${(around * 0.7).toFixed(1)} ${(around * 0.3).toFixed(1)}"`,
    ` transform="rotate(${frame * 90} ${x} ${y})"/>`,
  ].join('');
}

/** Cuts a "!" out of the error badge, so it reads without colour too. */
function glyphMask() {
  const { x, y } = BADGE;
  return [
    '<mask id="glyph" maskUnits="userSpaceOnUse" x="0" y="0" width="1024" height="1024">',
    '<rect width="1024" height="1024" fill="#fff"/>',
    `<rect x="${x - 30}" y="${y - 130}" width="60" height="160" rx="30" fill="#000"/>`,
    `<circle cx="${x}" cy="${y + 95}" r="34" fill="#000"/>`,
    '</mask>',
  ].join('');
}

/** An .icns file: the magic, the total length, then each entry's type, length and PNG. */
export function icns(entries) {
  const chunks = entries.map(([type, png]) => {
    const header = Buffer.alloc(8);
    header.write(type, 0, 'latin1');
    header.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([header, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'latin1');
  head.writeUInt32BE(8 + chunks.reduce((sum, chunk) => sum + chunk.length, 0), 4);
  return Buffer.concat([head, ...chunks]);
}

/** Writes through a temporary file, so a concurrent build never reads half an icon. */
async function writeAtomically(path, bytes) {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, bytes);
  await rename(temporary, path);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const outDir = process.argv[2] ?? ICON_OUT_DIR;
  const written = await renderIcons(outDir);
  process.stdout.write(`icons: ${written.length} files in ${outDir}\n`);
}
