package org.parley.channel.email;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What the patient wrote in a reply, without the quoted history and signature their mail client
 * added: the "On … wrote:" attribution of Gmail, Apple Mail and Yahoo (wrapped over up to four
 * lines), Outlook's header block and "Original Message" separators, lines quoted with
 * {@code >} (above the reply too, when the patient wrote below the quote), a {@code -- }
 * signature and the "Sent from my phone" lines of mobile clients, in each language Parley
 * speaks. If stripping would leave nothing, the whole text is kept.
 */
final class VisibleReply {

    /** Lines an attribution may be wrapped over. */
    private static final int MAX_WRAP = 4;

    /** How a quote is introduced, once the wrapped lines are joined with spaces. */
    private static final List<Pattern> ATTRIBUTIONS = patterns(
            // English, Gmail / Apple Mail / Yahoo: "On Fri, Dec 4, 2026 at 10:00 AM X <x> wrote:"
            "On\\s.{4,300}\\swrote\\s?:",
            // Spanish: "El vie, 4 dic 2026 a las 10:00, X (<x>) escribió:"
            "El\\s.{4,300}\\sescribi[óo]\\s?:",
            // Tagalog: "Noong Biy, Dis 4, 2026 nang 10:00 AM, X <x> ay sumulat:"
            "Noong\\s.{4,300}\\s(?:ay\\s)?sumulat\\s?:",
            // Vietnamese: "Vào Th 6, 4 thg 12, 2026 vào lúc 10:00 X <x> đã viết:"
            "V[àa]o\\s.{4,300}\\s(?:đã\\s)?viết\\s?:",
            // Russian: "... X <x> пишет:" / "написал(а):"
            ".{4,300}\\s(?:пишет|написал(?:\\(а\\)|а)?)\\s?:",
            // Chinese: "X <x> 于2026年12月4日周五 10:00写道：", "在 2026年12月4日，X <x> 写道："
            ".{2,300}(?:写道|寫道)\\s?[:：]",
            // Korean: "2026년 12월 4일 (금) 오전 10:00, X <x>님이 작성:", Apple Mail "... 작성:"
            ".{2,300}(?:님이\\s?)?작성\\s?[:：]",
            // Arabic: "في الجمعة، 4 ديسمبر 2026 في 10:00 ص، X <x> كتب:"
            ".{2,300}\\s(?:كتب|كتبت)\\s?[:：]",
            // Any language: a date or time, then an address in angle brackets, then a colon, as
            // Gmail writes it in Russian ("пт, 4 дек. 2026 г. в 10:00, X <x>:").
            ".{0,200}(?:\\d{4}|\\d{1,2}:\\d{2}).{0,200}<[^<>\\s]+@[^<>\\s]+>\\)?\\s?[:：]");

    /** Outlook's "From:" line, in each language, opening its block of quoted headers. */
    private static final Pattern FROM_LABEL = label("From|De|От|发件人|寄件者|寄件人|보낸 사람|"
            + "Từ|من|Mula kay|Mula");
    /** The other labels of that block: sent, date, to, cc, subject. */
    private static final Pattern OTHER_LABEL = label("Sent|Date|To|Cc|Subject|Enviado(?: el)?|"
            + "Fecha|Para|CC|Asunto|Отправлено|Дата|Кому|Копия|Тема|发送时间|日期|收件人|抄送|"
            + "主题|寄件日期|收件者|副本|主旨|보낸 날짜|날짜|받는 사람|참조|제목|Đã gửi|Ngày|Đến|"
            + "Chủ đề|تم الإرسال|التاريخ|إلى|نسخة|الموضوع|Ipinadala|Petsa|Para kay|Paksa");
    /** A separator before quoted history: Outlook's underscores, "Original Message" dashes. */
    private static final Pattern SEPARATOR = Pattern.compile(
            "_{10,}|-{2,}\\s*[\\p{L} ]{0,40}\\s*-{2,}|-{5,}");
    /** Lines mobile and webmail clients add under a reply, in each language. */
    private static final List<Pattern> SENT_FROM = patterns(
            "Sent from my .{1,40}", "Sent from (?:Yahoo Mail|Mail for Windows|Outlook).{0,30}",
            "Get Outlook for .{1,20}", "Enviado desde (?:mi )?.{1,40}",
            "Obtener Outlook para .{1,20}", "Отправлено (?:с|из) .{1,40}",
            "(?:从|來自|来自|發自|发自)我的.{1,30}", ".{1,30}에서 보냄",
            "(?:Được gửi|Gửi) từ .{1,40}", "(?:أرسلت|أُرسلت|تم الإرسال|مرسل) من .{1,40}",
            "Ipinadala mula sa .{1,40}");
    /**
     * Outlook's "Original Message" line, in each language: a quote even with no header block
     * after it, as when a client trims that block.
     */
    private static final Pattern ORIGINAL_MESSAGE = Pattern.compile("-{3,}\\s*(?:Original "
            + "Message|Mensaje original|Исходное сообщение|原始邮件|原始郵件|원본 메시지|"
            + "Thư gốc|الرسالة الأصلية|Orihinal na Mensahe|Message d'origine)\\s*-{3,}",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    /** RFC 3676's signature delimiter, and the bare form clients leave after trimming. */
    private static final Pattern SIGNATURE = Pattern.compile("--\\s?");

    private VisibleReply() {
    }

    /** The visible reply of {@code text}, or all of it when stripping would leave nothing. */
    static String of(String text) {
        String normal = text.replace("\r\n", "\n").replace('\r', '\n').replace('\u00A0', ' ');
        List<String> lines = new ArrayList<>(Arrays.asList(normal.split("\n", -1)));
        // Bottom-posting: the quote comes first and the patient wrote below it.
        lines = lines.subList(afterLeadingQuote(lines), lines.size());

        List<String> reply = lines.subList(0, quoteStart(lines));
        reply = withoutSignature(reply);

        String visible = String.join("\n", reply.stream().map(VisibleReply::rtrim).toList())
                .strip();
        return visible.isEmpty() ? normal.strip() : visible;
    }

    /**
     * Where the patient's words start under a quote that opens the message (an attribution
     * and {@code >} lines), or 0 when the message does not open with one or has nothing under
     * it.
     */
    private static int afterLeadingQuote(List<String> lines) {
        int i = 0;
        while (i < lines.size() && lines.get(i).isBlank()) {
            i++;
        }
        if (i < lines.size() && !lines.get(i).strip().startsWith(">")
                && attribution(lines, i)) {
            int wrapEnd = Math.min(lines.size(), i + MAX_WRAP);
            while (i < wrapEnd && !lines.get(i).strip().startsWith(">")) {
                i++;
            }
        }
        if (i >= lines.size() || !lines.get(i).strip().startsWith(">")) {
            return 0;
        }
        while (i < lines.size() && (lines.get(i).isBlank()
                || lines.get(i).strip().startsWith(">"))) {
            i++;
        }
        return hasText(lines.subList(i, lines.size())) ? i : 0;
    }

    /** The first line of quoted history, or the number of lines when there is none. */
    private static int quoteStart(List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith(">") || attribution(lines, i)) {
                return i;
            }
            if (FROM_LABEL.matcher(line).lookingAt() && headerBlock(lines, i)) {
                return separatorAbove(lines, i);
            }
            if (ORIGINAL_MESSAGE.matcher(line).matches()) {
                return i;
            }
            if (SEPARATOR.matcher(line).matches() && i + 1 < lines.size()
                    && followedByQuote(lines, i + 1)) {
                return i;
            }
        }
        return lines.size();
    }

    /** Whether an attribution starts on line {@code i}, wrapped over up to four lines. */
    private static boolean attribution(List<String> lines, int i) {
        StringBuilder joined = new StringBuilder();
        for (int span = 0; span < MAX_WRAP && i + span < lines.size(); span++) {
            String part = lines.get(i + span).strip();
            if (part.isEmpty() || part.startsWith(">")) {
                return false;
            }
            if (!joined.isEmpty()) {
                joined.append(' ');
            }
            joined.append(part);
            String candidate = joined.toString();
            for (Pattern p : ATTRIBUTIONS) {
                if (p.matcher(candidate).matches()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A "From:" line followed, within six lines, by two more header labels. */
    private static boolean headerBlock(List<String> lines, int from) {
        int others = 0;
        for (int i = from + 1; i < Math.min(lines.size(), from + 7); i++) {
            if (OTHER_LABEL.matcher(lines.get(i).strip()).lookingAt()) {
                others++;
            }
        }
        return others >= 2;
    }

    /** After a separator line: a header block or an attribution, perhaps after a blank line. */
    private static boolean followedByQuote(List<String> lines, int next) {
        int i = next;
        while (i < lines.size() && lines.get(i).isBlank()) {
            i++;
        }
        if (i >= lines.size()) {
            return false;
        }
        String line = lines.get(i).strip();
        return line.startsWith(">") || attribution(lines, i)
                || FROM_LABEL.matcher(line).lookingAt() && headerBlock(lines, i);
    }

    /** The separator line just above a header block, if there is one; else the block itself. */
    private static int separatorAbove(List<String> lines, int block) {
        int i = block - 1;
        while (i >= 0 && lines.get(i).isBlank()) {
            i--;
        }
        return i >= 0 && SEPARATOR.matcher(lines.get(i).strip()).matches() ? i : block;
    }

    /** The reply without a {@code -- } signature or a "Sent from my phone" line at its end. */
    private static List<String> withoutSignature(List<String> reply) {
        int end = reply.size();
        for (int i = reply.size() - 1; i > 0; i--) {
            String line = reply.get(i).strip();
            boolean delimiter = SIGNATURE.matcher(reply.get(i)).matches();
            boolean sentFrom = !line.isEmpty() && ATTRIBUTIONS.stream().noneMatch(
                    p -> p.matcher(line).matches()) && SENT_FROM.stream().anyMatch(
                    p -> p.matcher(line).matches());
            if ((delimiter || sentFrom) && hasText(reply.subList(0, i))) {
                end = i;
            }
        }
        return reply.subList(0, end);
    }

    private static boolean hasText(List<String> lines) {
        return lines.stream().anyMatch(l -> !l.isBlank());
    }

    private static String rtrim(String s) {
        return s.stripTrailing();
    }

    private static Pattern label(String labels) {
        return Pattern.compile("\\*?(?:" + labels + ")\\*?\\s?[:：]",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    private static List<Pattern> patterns(String... regexes) {
        return Arrays.stream(regexes).map(r -> Pattern.compile(r,
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)).toList();
    }
}
