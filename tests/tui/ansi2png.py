#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Render a tmux capture (`capture-pane -e -p`, SGR colour escapes) to a PNG
# with Liberation Mono (full Vietnamese coverage), for the README screenshots.
# Usage: ansi2png.py CAPTURE.txt OUT.png [COLS ROWS]
import re
import sys
import unicodedata

from PIL import Image, ImageDraw, ImageFont

FONT = "/usr/share/fonts/truetype/liberation2/LiberationMono-Regular.ttf"
BOLD = "/usr/share/fonts/truetype/liberation2/LiberationMono-Bold.ttf"
PALETTE = [(30, 30, 30), (205, 49, 49), (13, 188, 121), (229, 229, 16),
           (36, 114, 200), (188, 63, 188), (17, 168, 205), (229, 229, 229)]
BRIGHT = [(102, 102, 102), (241, 76, 76), (35, 209, 139), (245, 245, 67),
          (59, 142, 234), (214, 112, 214), (41, 184, 219), (255, 255, 255)]
DEF_FG, DEF_BG = (220, 220, 220), (24, 24, 24)


def color256(n):
    if n < 8:
        return PALETTE[n]
    if n < 16:
        return BRIGHT[n - 8]
    if n < 232:
        n -= 16
        return tuple(0 if v == 0 else 55 + v * 40 for v in (n // 36, (n // 6) % 6, n % 6))
    v = 8 + (n - 232) * 10
    return (v, v, v)


def main():
    text = open(sys.argv[1], encoding="utf-8").read()
    cols = int(sys.argv[3]) if len(sys.argv) > 3 else 100
    rows = int(sys.argv[4]) if len(sys.argv) > 4 else 30
    size = 16
    font, bold = ImageFont.truetype(FONT, size), ImageFont.truetype(BOLD, size)
    cw = round(font.getlength("M"))
    ch = size + 4
    img = Image.new("RGB", (cols * cw + 16, rows * ch + 16), DEF_BG)
    draw = ImageDraw.Draw(img)
    glyphs = []  # text after every background, so marks are never painted over
    # tmux only writes attribute changes, which carry over line ends.
    fg, bg, b, rev = DEF_FG, DEF_BG, False, False
    for y, line in enumerate(text.split("\n")[:rows]):
        x = 0
        for tok in re.split(r"(\x1b\[[0-9;:]*m)", line):
            m = re.match(r"\x1b\[([0-9;:]*)m", tok)
            if m:
                codes = [int(c) if c else 0 for c in re.split(r"[;:]", m.group(1))] or [0]
                i = 0
                while i < len(codes):
                    c = codes[i]
                    if c == 0:
                        fg, bg, b, rev = DEF_FG, DEF_BG, False, False
                    elif c == 1:
                        b = True
                    elif c == 7:
                        rev = True
                    elif c == 22:
                        b = False
                    elif c == 27:
                        rev = False
                    elif 30 <= c <= 37:
                        fg = PALETTE[c - 30]
                    elif c == 39:
                        fg = DEF_FG
                    elif 40 <= c <= 47:
                        bg = PALETTE[c - 40]
                    elif c == 49:
                        bg = DEF_BG
                    elif 90 <= c <= 97:
                        fg = BRIGHT[c - 90]
                    elif 100 <= c <= 107:
                        bg = BRIGHT[c - 100]
                    elif c in (38, 48) and i + 2 < len(codes) and codes[i + 1] == 5:
                        if c == 38:
                            fg = color256(codes[i + 2])
                        else:
                            bg = color256(codes[i + 2])
                        i += 2
                    i += 1
                continue
            # Group each base character with its combining marks.
            clusters = []
            for chr_ in tok:
                if clusters and unicodedata.combining(chr_):
                    clusters[-1] += chr_
                else:
                    clusters.append(chr_)
            for cl in clusters:
                w = 2 if unicodedata.east_asian_width(cl[0]) in "WF" else 1
                f, g = (bg, fg) if rev else (fg, bg)
                px, py = 8 + x * cw, 8 + y * ch
                draw.rectangle([px, py, px + w * cw - 1, py + ch - 1], fill=g)
                glyphs.append(((px, py + 2), unicodedata.normalize("NFC", cl), bold if b else font, f))
                x += w
    for pos, txt, fnt, col in glyphs:
        draw.text(pos, txt, font=fnt, fill=col)
    img.save(sys.argv[2])


main()
