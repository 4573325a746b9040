using System.Text;

namespace Engine.Themes.Rendering;

internal sealed partial class DirectBlock
{
    /// <summary>
    /// A template's text with the fixed words of <c>t</c> in it (<c>&lt;span&gt;{{ t 'idea.status' }} &lt;/span&gt;</c>),
    /// written as one piece per language and encoding, worked out the first time and kept: a page in Welsh is as quick
    /// to write as one in English with the words in the template. Each word is encoded, and checked where it starts a
    /// URL attribute, exactly as the value it is; a strict render (the checker) or output switched off writes the
    /// pieces one by one instead.
    /// </summary>
    private sealed class WordedTextStep(Step[] pieces) : Step
    {
        private const int MaxKept = 16;
        private readonly DirectTranslation _language = pieces.OfType<TranslationStep>().First().Translation;
        private Worded[] _kept = [];

        private sealed record Worded(string Culture, bool Encoded, string Text, bool OpensUrl);

        public override object? Run(ThemeContext context)
        {
            if (context.StrictVariables || !context.EnableOutput) return RunPieces(context);
            var culture = _language.CultureOf(context);
            var encoded = context.Encodes;
            Worded? worded = null;
            foreach (var kept in _kept)
                if (kept.Culture == culture && kept.Encoded == encoded) worded = kept;
            if (worded is null)
            {
                worded = Word(context, culture, encoded);
                // Copied, not changed in place: pages on other threads read the array as it was.
                if (_kept.Length < MaxKept) _kept = [.. _kept, worded];
            }
            context.WriteText(worded.Text, worded.OpensUrl);
            return null;
        }

        private Worded Word(ThemeContext context, string culture, bool encoded)
        {
            var text = new StringBuilder();
            string? lastText = null;
            foreach (var piece in pieces)
            {
                if (piece is TextStep literal)
                {
                    text.Append(literal.Text);
                    lastText = literal.Text;
                    continue;
                }
                var words = ((TranslationStep)piece).Translation.FixedText(context, culture);
                if (!encoded) text.Append(words);
                else
                {
                    // As HtmlOutput.WriteValue: a value that starts a URL attribute must be a safe address.
                    if (lastText is not null && SafeUrls.OpensUrlAttribute(lastText) && !SafeUrls.IsSafe(words)) words = "#";
                    HtmlEncoding.Append(text, words);
                }
                lastText = null;
            }
            return new Worded(culture, encoded, text.ToString(), lastText is not null && SafeUrls.OpensUrlAttribute(lastText));
        }

        // As DirectBlock.Run (neither text nor words can break, continue or return): with output off, the last value is the result.
        private object? RunPieces(ThemeContext context)
        {
            object? result = null;
            foreach (var piece in pieces)
            {
                result = piece.Run(context);
                if (result is not null && context.EnableOutput)
                {
                    context.Write(default, result);
                    result = null;
                }
            }
            return result;
        }
    }
}
