# Draws the plan's stick-figure illustrations (simple line drawings made for backcheck).
import os  # run: python3 knowledge/plan/illustrations/draw.py
OUT = os.path.dirname(os.path.abspath(__file__))
W, H = 200, 120
def fig(p, extra="", title=""):
    # p: head(x,y), sh (shoulder), hip, knees kL,kR, feet fL,fR, elbows eL,eR, hands hL,hR
    L = []
    def line(a, b, cls="b"):
        L.append(f'<line x1="{a[0]}" y1="{a[1]}" x2="{b[0]}" y2="{b[1]}"/>')
    line(p["head"], p["sh"])
    line(p["sh"], p["hip"])
    for s in "LR":
        line(p["hip"], p["k"+s]); line(p["k"+s], p["f"+s])
        line(p["sh"], p["e"+s]); line(p["e"+s], p["h"+s])
    hx, hy = p["head"]
    body = "\n  ".join(L)
    return f'''<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" width="{W}" height="{H}" role="img" aria-label="{title}">
<title>{title}</title>
<g fill="none" stroke="#1f2937" stroke-width="4" stroke-linecap="round" stroke-linejoin="round">
  {body}
  <circle cx="{hx}" cy="{hy}" r="8" fill="#fff"/>
  {extra}
</g>
</svg>
'''
floor = '<line x1="10" y1="108" x2="190" y2="108" stroke="#9ca3af" stroke-width="2"/>'
arrow = lambda x1,y1,x2,y2: f'<path d="M{x1} {y1} Q{(x1+x2)/2} {min(y1,y2)-14} {x2} {y2}" stroke="#2563eb" stroke-width="2.5"/><circle cx="{x2}" cy="{y2}" r="3" fill="#2563eb" stroke="#2563eb"/>'
poses = {
 "walk": ("Walking", dict(head=(100,22),sh=(100,36),hip=(100,68),kL=(92,88),kR=(108,86),fL=(84,106),fR=(114,106),eL=(92,52),eR=(108,52),hL=(88,64),hR=(114,62)), floor),
 "pelvic-tilt": ("Pelvic tilt, lying on the back", dict(head=(30,92),sh=(44,98),hip=(96,100),kL=(120,76),kR=(122,76),fL=(142,104),fR=(144,104),eL=(60,104),eR=(62,104),hL=(78,104),hR=(80,104)), floor+arrow(80,92,104,92)),
 "knee-rolls": ("Knee rolls, lying on the back", dict(head=(30,92),sh=(44,98),hip=(96,100),kL=(124,80),kR=(128,84),fL=(142,104),fR=(146,104),eL=(40,80),eR=(60,106),hL=(36,66),hR=(76,106)), floor+arrow(112,66,140,72)),
 "cat-camel": ("Cat-camel on hands and knees", dict(head=(50,58),sh=(62,64),hip=(126,64),kL=(126,104),kR=(130,104),fL=(160,106),fR=(164,106),eL=(62,84),eR=(64,84),hL=(62,104),hR=(64,104)), floor+'<path d="M62 64 Q94 40 126 64" stroke="#2563eb" stroke-width="2.5" stroke-dasharray="5 4"/>'),
 "knee-to-chest": ("Knee to chest, lying on the back", dict(head=(30,92),sh=(44,98),hip=(96,100),kL=(84,70),kR=(136,96),fL=(104,64),fR=(170,102),eL=(66,84),eR=(66,86),hL=(82,72),hR=(84,74)), floor),
 "glute-bridge": ("Bridge: hips lifted", dict(head=(30,94),sh=(46,98),hip=(100,74),kL=(130,64),kR=(132,64),fL=(146,104),fR=(148,104),eL=(62,104),eR=(64,104),hL=(80,104),hR=(82,104)), floor+arrow(90,96,100,80)),
 "bird-dog": ("Bird dog: opposite arm and leg reach", dict(head=(48,56),sh=(64,62),hip=(124,62),kL=(124,104),kR=(156,60),fL=(158,106),fR=(188,58),eL=(64,84),eR=(44,56),hL=(64,104),hR=(22,52)), floor),
 "side-plank": ("Side plank from the knees", dict(head=(38,50),sh=(52,60),hip=(112,84),kL=(146,102),kR=(148,100),fL=(170,84),fR=(172,82),eL=(52,104),eR=(74,76),hL=(72,104),hR=(96,84)), floor),
 "dead-bug": ("Dead bug: opposite arm and leg lower", dict(head=(30,94),sh=(46,98),hip=(100,100),kL=(100,70),kR=(130,88),fL=(130,70),fR=(168,96),eL=(46,70),eR=(30,82),hL=(46,50),hR=(14,86)), floor),
 "hip-hinge": ("Hip hinge with a stick along the back", dict(head=(54,42),sh=(68,48),hip=(120,58),kL=(114,82),kR=(118,82),fL=(118,106),fR=(122,106),eL=(64,34),eR=(130,50),hL=(56,30),hR=(136,62)), floor+'<line x1="44" y1="34" x2="146" y2="62" stroke="#92400e" stroke-width="3"/>'),
 "squat": ("Squat without weight", dict(head=(96,36),sh=(96,50),hip=(80,80),kL=(110,84),kR=(112,82),fL=(104,106),fR=(106,106),eL=(112,60),eR=(114,60),hL=(130,58),hR=(132,58)), floor),
 "warm-up": ("Warm-up: skipping", dict(head=(100,22),sh=(100,36),hip=(100,68),kL=(94,86),kR=(106,86),fL=(94,100),fR=(106,100),eL=(84,54),eR=(116,54),hL=(80,68),hR=(120,68)), floor+'<path d="M80 68 Q100 130 120 68" stroke="#2563eb" stroke-width="2.5"/>'),
 "lift": ("Lifting a bar with a straight back", dict(head=(72,40),sh=(80,50),hip=(122,62),kL=(110,82),kR=(112,82),fL=(118,106),fR=(120,106),eL=(84,70),eR=(86,70),hL=(90,88),hR=(92,88)), floor+'<line x1="60" y1="88" x2="140" y2="88"/><circle cx="60" cy="88" r="12" stroke-width="3"/><circle cx="140" cy="88" r="12" stroke-width="3"/>'),
 "run": ("Easy running", dict(head=(104,20),sh=(102,34),hip=(96,64),kL=(112,78),kR=(84,82),fL=(104,98),fR=(70,92),eL=(112,48),eR=(90,48),hL=(124,42),hR=(82,60)), floor),
 "trampoline": ("Small jumps in the centre of a trampoline", dict(head=(100,14),sh=(100,28),hip=(100,58),kL=(92,72),kR=(108,72),fL=(94,86),fR=(106,86),eL=(88,42),eR=(112,42),hL=(82,54),hR=(118,54)), '<path d="M30 96 Q100 104 170 96" stroke="#9ca3af" stroke-width="3"/><line x1="40" y1="97" x2="36" y2="112" stroke="#9ca3af" stroke-width="3"/><line x1="160" y1="97" x2="164" y2="112" stroke="#9ca3af" stroke-width="3"/>'),
 "ball": ("Ball drills without contact", dict(head=(90,22),sh=(90,36),hip=(92,66),kL=(84,86),kR=(106,84),fL=(80,106),fR=(118,100),eL=(78,50),eR=(102,50),hL=(72,62),hR=(110,60)), floor+'<circle cx="134" cy="98" r="9" fill="#fff"/>'),
 "swim": ("Swimming on the back", dict(head=(40,62),sh=(54,68),hip=(110,72),kL=(140,74),kR=(142,78),fL=(172,74),fR=(174,80),eL=(40,44),eR=(70,84),hL=(28,30),hR=(90,80)), '<path d="M10 76 Q30 68 50 76 T90 76 T130 76 T170 76 T190 76" stroke="#2563eb" stroke-width="2.5"/>'),
 "gymnastics": ("Gymnastics or dance: upright balance, no back bend", dict(head=(100,18),sh=(100,32),hip=(100,64),kL=(100,86),kR=(122,70),fL=(100,106),fR=(144,72),eL=(86,22),eR=(114,22),hL=(80,10),hR=(120,10)), floor),
 "general": ("Your activity at light effort", dict(head=(96,22),sh=(96,36),hip=(98,66),kL=(90,86),kR=(108,86),fL=(86,106),fR=(116,104),eL=(84,50),eR=(110,50),hL=(78,38),hR=(122,42)), floor+'<circle cx="134" cy="36" r="8" fill="#fff"/>'),
}
os.makedirs(OUT, exist_ok=True)
for name, (title, p, extra) in poses.items():
    open(f"{OUT}/{name}.svg", "w").write(fig(p, extra, title))
print(len(poses))
