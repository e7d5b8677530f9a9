#!/usr/bin/env python3
"""Writes the sources of the Word papers in this folder from the sample bank
(quiz/sample/bank.json). The .docx files are then made by LibreOffice and pandoc, as the
README says; nothing here is run by the tests."""
import html, json, os

here = os.path.dirname(os.path.abspath(__file__))
bank = json.load(open(os.path.join(here, "../../../sample/bank.json"), encoding="utf-8"))
qs = bank["questions"]
e = html.escape
L = "ABCDEFGH"

def page(body):
    return ('<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Đề thi</title></head><body>\n'
            + body + "\n</body></html>\n")

def p(s, raw=False):
    return "<p>" + (s if raw else e(s)) + "</p>\n"

def letters(q):
    return ", ".join(L[c] for c in q["correct"])

def header():
    return ('<p align="center"><b>ĐỀ THI TRẮC NGHIỆM</b></p>\n'
            + p("HỘI THI BÍ THƯ CHI BỘ GIỎI NĂM 2026") + p("Thời gian làm bài: 30 phút"))

# 1. Đáp án lines, in the several ways of numbering and writing them.
b = header() + p("<b>Phần I. Sinh hoạt chi bộ</b>", True)
q = qs[0]
b += p("<b>Câu 1:</b> " + e(q["prompt"]), True) + "".join(p(L[i] + ". " + o) for i, o in enumerate(q["options"]))
b += p("Đáp án: " + letters(q)) + p("Giải thích: " + q["explanation"])
q = qs[1]
b += p("<b>Câu 2.</b> " + e(q["prompt"]), True)
b += p("&nbsp;&nbsp;&nbsp;&nbsp;".join(L[i] + ". " + e(o) for i, o in enumerate(q["options"])), True)
b += p("ĐA: " + letters(q))
q = qs[2]
b += p("Câu hỏi 3: " + q["prompt"]) + "".join(p(L[i].lower() + ") " + o) for i, o in enumerate(q["options"]))
b += p("Đáp án đúng: " + letters(q).lower()) + p("Lời giải:") + p(q["explanation"]) + p("Chỉ tiêu do huyện đề ra.")
q = qs[8]
b += p("<b>Câu 4)</b> " + e(q["prompt"]), True) + "".join(p(L[i] + ". " + o) for i, o in enumerate(q["options"]))
b += p("Đáp án: " + letters(q))
b += p("<b>PHẦN II. CÂU HỎI ĐÚNG SAI</b>", True)
q = qs[3]
b += p("Câu 5 (0,5 điểm): " + q["prompt"]) + p("Đáp án: Sai") + p("Hướng dẫn giải: " + q["explanation"])
q = qs[4]
b += p("Câu 6: " + q["prompt"]) + "".join(p(L[i] + ". " + o) for i, o in enumerate(q["options"]))
b += p("Câu 7: Theo Bí thư Chi bộ Lò Văn Chơ, Chi bộ bản Púng Giắt 1 hiện có bao nhiêu đảng viên?")
b += p("Đáp án: 21") + p("Mức độ: nhận biết") + p("Chủ đề: Sinh hoạt chi bộ; Điện Biên")
b += p('<p align="center">----------- HẾT -----------</p>', True)
b += p("Câu 8: Câu này sau chữ HẾT nên không được đọc.") + p("Đáp án: A")
open(os.path.join(here, "dapan.html"), "w", encoding="utf-8").write(page(b))

# 2. The right option marked by bold, underline, a star, in a table, in a Word list, in red.
b = header()
q = qs[17]  # single, correct 1
b += p("<b>Câu 1</b> " + e(q["prompt"]), True)
b += "".join(p(L[i] + ". " + ("<strong>" + e(o) + "</strong>" if i in q["correct"] else e(o)), True) for i, o in enumerate(q["options"]))
q = qs[18]  # correct 0
b += p("<b>Câu 2:</b> " + e(q["prompt"]), True)
b += "".join(p("<u>" + L[i] + ". " + e(o) + "</u>" if i in q["correct"] else L[i] + ". " + e(o), True) for i, o in enumerate(q["options"]))
q = qs[19]  # correct 2
b += p("<b>Câu 3:</b> " + e(q["prompt"]), True)
b += "".join(p(("*" if i in q["correct"] else "") + L[i] + ". " + o) for i, o in enumerate(q["options"]))
q = qs[21]  # correct 2
b += p("<b>Câu 4:</b> " + e(q["prompt"]), True)
b += "".join(p(L[i] + ". " + o + ("*" if i in q["correct"] else "")) for i, o in enumerate(q["options"]))
q = qs[23]  # correct 2, options in a table
b += p("<b>Câu 5:</b> " + e(q["prompt"]), True)
cells = [L[i] + ". " + ("<b>" + e(o) + "</b>" if i in q["correct"] else e(o)) for i, o in enumerate(q["options"])]
b += '<table border="0"><tr><td>' + cells[0] + "</td><td>" + cells[1] + "</td></tr><tr><td>" + cells[2] + "</td><td>" + cells[3] + "</td></tr></table>\n"
q = qs[25]  # correct 1: every letter bold, the right option underlined
b += p("<b>Câu 6:</b> " + e(q["prompt"]), True)
b += "".join(p("<b>" + L[i] + ".</b> " + ("<u>" + e(o) + "</u>" if i in q["correct"] else e(o)), True) for i, o in enumerate(q["options"]))
q = qs[22]  # multi 0,1,3 in bold
b += p("<b>Câu 7:</b> " + e(q["prompt"]), True)
b += "".join(p(L[i] + ". " + ("<b>" + e(o) + "</b>" if i in q["correct"] else e(o)), True) for i, o in enumerate(q["options"]))
q = qs[26]  # correct 3, options as a list Word numbers A. B. C. D.
b += p("<b>Câu 8:</b> " + e(q["prompt"]), True)
b += '<ol type="A">' + "".join("<li>" + ("<b>" + e(o) + "</b>" if i in q["correct"] else e(o)) + "</li>" for i, o in enumerate(q["options"])) + "</ol>\n"
q = qs[5]  # true/false with its options, Đúng in bold
b += p("<b>Câu 9:</b> " + e(q["prompt"]), True) + p("A. <b>Đúng</b>", True) + p("B. Sai")
q = qs[28]  # multi 1,2,3: the right options in red
b += p("<b>Câu 10:</b> " + e(q["prompt"]), True)
b += "".join(p(L[i] + ". " + ('<font color="#ff0000">' + e(o) + "</font>" if i in q["correct"] else e(o)), True) for i, o in enumerate(q["options"]))
b += p("HẾT")
open(os.path.join(here, "marks.html"), "w", encoding="utf-8").write(page(b))

# 3. An answer key table at the end: rows Câu / Đáp án.
def bare(nums, start=1):
    out = ""
    for k, n in enumerate(nums):
        q = qs[n]
        out += p("<b>Câu " + str(start + k) + ":</b> " + e(q["prompt"]), True)
        out += "".join(p(L[i] + ". " + o) for i, o in enumerate(q["options"]))
    return out
key_nums = [27, 29, 30, 31, 32]
b = header() + bare(key_nums) + p("Câu 6: " + qs[20]["prompt"]) + p("HẾT") + p("<b>BẢNG ĐÁP ÁN</b>", True)
b += '<table border="1"><tr><td>Câu</td>' + "".join("<td>" + str(k + 1) + "</td>" for k in range(6)) + "</tr>"
b += "<tr><td>Đáp án</td>" + "".join("<td>" + letters(qs[n]).replace(", ", "") + "</td>" for n in key_nums) + "<td>S</td></tr></table>\n"
open(os.path.join(here, "key-rows.html"), "w", encoding="utf-8").write(page(b))

# 4. An answer key table of two columns, and no “HẾT”.
b = header() + bare(key_nums)
b += '<table border="1"><tr><td>Câu</td><td>Đáp án</td></tr>' + "".join(
    "<tr><td>" + str(k + 1) + "</td><td>" + letters(qs[n]) + "</td></tr>" for k, n in enumerate(key_nums)) + "</table>\n"
open(os.path.join(here, "key-columns.html"), "w", encoding="utf-8").write(page(b))

# 5. Markdown for pandoc: options as lists Word numbers, a key of lines at the end.
md = "# ĐỀ THI TRẮC NGHIỆM\n\n"
for k, n in enumerate(key_nums):
    q = qs[n]
    md += "**Câu " + str(k + 1) + ":** " + q["prompt"] + "\n\n"
    md += "".join(L[i] + ")  " + o + "\n" for i, o in enumerate(q["options"])) + "\n"
md += "HẾT\n\n**Đáp án**\n\n"
entries = [str(k + 1) + ["-", ".", ": ", ") ", " - "][k] + letters(qs[n]).replace(", ", "") for k, n in enumerate(key_nums)]
md += "  ".join(entries[:3]) + "\\\n" + "  ".join(entries[3:]) + "\n"
open(os.path.join(here, "key-lines.md"), "w", encoding="utf-8").write(md)

# 6. 2,000 questions: the sample bank over and over, Đáp án and Giải thích lines.
md = "# BỘ CÂU HỎI ÔN TẬP\n\n"
for k in range(2000):
    q = qs[k % len(qs)]
    md += "**Câu " + str(k + 1) + ":** " + q["prompt"].replace("*", "\\*") + "\n\n"
    if q["type"] != "truefalse":
        md += "".join(L[i] + "\\. " + o + "\n\n" for i, o in enumerate(q["options"]))
        md += "Đáp án: " + letters(q) + "\n\n"
    else:
        md += "Đáp án: " + ["Đúng", "Sai"][q["correct"][0]] + "\n\n"
    md += "Giải thích: " + q["explanation"].replace("*", "\\*") + "\n\n"
md += "HẾT\n"
open(os.path.join(here, "questions-2000.md"), "w", encoding="utf-8").write(md)

# 7. Pictures, as a trainer inserts them: under the prompt, in the prompt's own paragraph, in
# an option, two in one question. co-do.png and xanh.jpg are plain checkered pictures
# (written by a few lines of Go's image package), given to LibreOffice as data: URIs so that
# it embeds them in the .docx (a picture by its file name stays a link to that file).
import base64
def img(name):
    kind = "png" if name.endswith(".png") else "jpeg"
    data = base64.b64encode(open(os.path.join(here, name), "rb").read()).decode()
    return '<img src="data:image/' + kind + ';base64,' + data + '" alt="">'
b = header()
q = qs[0]
b += p("<b>Câu 1:</b> " + e(q["prompt"]), True) + p(img("co-do.png"), True)
b += "".join(p(L[i] + ". " + o) for i, o in enumerate(q["options"])) + p("Đáp án: " + letters(q))
q = qs[1]
b += p("<b>Câu 2:</b> " + e(q["prompt"]) + " " + img("xanh.jpg"), True)
b += "".join(p(L[i] + ". " + o) for i, o in enumerate(q["options"])) + p("Đáp án: " + letters(q))
q = qs[2]
b += p("<b>Câu 3:</b> " + e(q["prompt"]), True)
b += "".join(p(L[i] + ". " + e(o) + (" " + img("co-do.png") if i == 0 else ""), True) for i, o in enumerate(q["options"])) + p("Đáp án: " + letters(q))
q = qs[3]
b += p("<b>Câu 4:</b> " + e(q["prompt"]), True) + p("Đáp án: Sai")
q = qs[4]
b += p("<b>Câu 5:</b> " + e(q["prompt"]), True) + p(img("co-do.png"), True) + p(img("xanh.jpg"), True)
b += "".join(p(L[i] + ". " + o) for i, o in enumerate(q["options"])) + p("Đáp án: " + letters(q))
b += p("HẾT")
open(os.path.join(here, "pictures.html"), "w", encoding="utf-8").write(page(b))
