/** Types of scripts/icons.mjs, for the TypeScript that imports it (the packaging test). */

/** The one source every icon is drawn from. */
export declare const ICON_SOURCE: string;
/** Where the icons go by default (dist/icons). */
export declare const ICON_OUT_DIR: string;
/** The app icon sizes, in pixels. */
export declare const APP_SIZES: readonly number[];
/** The tray images' names without extension. */
export declare const TRAY_IMAGES: readonly string[];
/** Renders every icon; resolves with the files written, relative to `outDir`. */
export declare function renderIcons(outDir?: string, source?: string): Promise<string[]>;
/** The source with the tray badge for `image`; `template` for macOS template images. */
export declare function traySvg(svg: string, image: string, template: boolean): string;
/** An .icns file from (type, PNG) entries. */
export declare function icns(entries: readonly (readonly [string, Buffer])[]): Buffer;
