// Specification of the TABARI / PETRARCH interchange (docs/dictionary-interchange.md),
// on small fixtures written for these tests (tests/interchange/).
#include "interchange/dictionary_formats.h"

#include <CLI/CLI.hpp>
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>
#include <tuple>

#include "cli/dictionary_command.h"
#include "coding/verb_dictionary.h"
#include "pipeline/pipeline.h"

namespace chancery::interchange {
namespace {

namespace fs = std::filesystem;
using actors::ActorEntry;
using actors::ActorKind;

const fs::path kFixtures = fs::path(CHANCERY_TEST_DIR) / "interchange";

std::string Lower(std::string s) {
  for (char& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// (phrase, code, from, to, name) rows as comparable tuples.
using Row = std::tuple<std::string, std::string, std::string, std::string>;
std::set<Row> Rows(const std::vector<ActorEntry>& entries) {
  std::set<Row> rows;
  for (const ActorEntry& e : entries) rows.insert({Lower(e.phrase), e.code, e.valid_from, e.valid_to});
  return rows;
}

const ActorEntry* Find(const std::vector<ActorEntry>& entries, const std::string& phrase, const std::string& code) {
  for (const ActorEntry& e : entries)
    if (e.phrase == phrase && e.code == code) return &e;
  return nullptr;
}

bool Warned(const std::vector<std::string>& warnings, const std::string& where, const std::string& words) {
  return std::any_of(warnings.begin(), warnings.end(), [&](const std::string& w) {
    return w.find(where) != std::string::npos && w.find(words) != std::string::npos;
  });
}

std::vector<ActorEntry> ReadFixtureActors(std::vector<std::string>* warnings) {
  std::ifstream in(kFixtures / "tabari.actors");
  return ReadForeignActors(in, "tabari.actors", warnings);
}

std::set<std::string> Codes() {
  std::set<std::string> codes;
  std::ifstream in(fs::path(CHANCERY_DATA_DIR) / "cameo" / "codes.tsv");
  std::string line;
  while (std::getline(in, line))
    if (!line.empty() && line[0] != '#') codes.insert(line.substr(0, line.find('\t')));
  return codes;
}

std::map<std::string, std::string> Patterns(const std::vector<VerbRecord>& records) {
  std::map<std::string, std::string> out;
  for (const VerbRecord& r : records) out[r.pattern] = r.code;
  return out;
}

fs::path TempDir(const std::string& name) {
  fs::path dir = fs::temp_directory_path() / ("chancery-interchange-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

// ---- actors in -------------------------------------------------------------------

TEST(ImportActors, PhraseWithCodeIsOneRowAndSynonymsNameTheirRecord) {
  std::vector<std::string> warnings;
  auto entries = ReadFixtureActors(&warnings);
  const ActorEntry* kyrgyzstan = Find(entries, "Kyrgyzstan", "KGZ");
  ASSERT_NE(kyrgyzstan, nullptr);
  EXPECT_EQ(kyrgyzstan->kind, ActorKind::kState);
  EXPECT_EQ(kyrgyzstan->valid_from, "");
  const ActorEntry* republic = Find(entries, "Kyrgyz Republic", "KGZ");
  ASSERT_NE(republic, nullptr);
  EXPECT_EQ(republic->name, "Kyrgyzstan");
  ASSERT_NE(Find(entries, "Zorbalandia", "ZRB"), nullptr);
  ASSERT_NE(Find(entries, "Bishkek", "KGZGOV"), nullptr);
  EXPECT_EQ(Find(entries, "Group of Friends", "IGOGOF")->kind, ActorKind::kIgo);
}

TEST(ImportActors, DatedCodeLinesBecomeValidFromAndValidTo) {
  std::vector<std::string> warnings;
  auto entries = ReadFixtureActors(&warnings);
  std::set<Row> rows = Rows(entries);
  EXPECT_TRUE(rows.count({"ashraf ghani", "AFGELI", "", "2014-09-28"}));
  EXPECT_TRUE(rows.count({"ashraf ghani", "AFGGOV", "2014-09-29", "2021-08-15"}));
  EXPECT_TRUE(rows.count({"ghani", "AFGGOV", "2014-09-29", "2021-08-15"}));
  EXPECT_EQ(Find(entries, "Ghani", "AFGGOV")->name, "Ashraf Ghani");
  EXPECT_EQ(Find(entries, "Ghani", "AFGGOV")->kind, ActorKind::kPerson);
  // Inline "[IRQGOV <030409]": a two-digit year below 30 is 20xx.
  EXPECT_TRUE(rows.count({"saddam tester", "IRQGOV", "", "2003-04-09"}));
  // "{[A d-d] [B d-]}" on the phrase line: several dated codes, several rows.
  EXPECT_TRUE(rows.count({"widget party", "ZRBOPP", "1999-01-01", "2004-12-31"}));
  EXPECT_TRUE(rows.count({"widget party", "ZRBGOV", "2005-01-01", ""}));
}

TEST(ImportActors, TheDefaultCodeCoversTheDaysNoDatedCodeDoes) {
  std::vector<std::string> warnings;
  std::set<Row> rows = Rows(ReadFixtureActors(&warnings));
  EXPECT_TRUE(rows.count({"mullah tester", "AFGGOV", "2021-08-16", ""}));
  EXPECT_TRUE(rows.count({"mullah tester", "AFGREB", "", "2021-08-15"}));
  EXPECT_FALSE(rows.count({"mullah tester", "AFGREB", "", ""}));
}

TEST(ImportActors, BadLinesAreReportedWithFileAndLineNeverDroppedSilently) {
  std::vector<std::string> warnings;
  auto entries = ReadFixtureActors(&warnings);
  EXPECT_TRUE(Warned(warnings, "tabari.actors:3:", "code line before any phrase"));
  EXPECT_TRUE(Warned(warnings, "tabari.actors:30:", "bad actor code"));
  EXPECT_TRUE(Warned(warnings, "tabari.actors:30:", "no usable code"));
  EXPECT_TRUE(Warned(warnings, "tabari.actors:32:", "bad date restriction"));
  EXPECT_TRUE(Warned(warnings, "tabari.actors:33:", "no usable code"));
  for (const ActorEntry& e : entries) EXPECT_NE(Lower(e.phrase), "no code at all");
}

TEST(ImportActors, ShortAllCapitalWordsStayAcronymsLongerOnesAreTitleCased) {
  std::istringstream in("UN_  [IGOUNO]\nISLAMIC_EMIRATE_OF_AFGHANISTAN_  [AFGGOV]\n");
  std::vector<std::string> warnings;
  auto entries = ReadForeignActors(in, "x.actors", &warnings);
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].phrase, "UN");
  EXPECT_EQ(entries[1].phrase, "Islamic Emirate of Afghanistan");
  EXPECT_TRUE(warnings.empty());
}

// ---- agents in -------------------------------------------------------------------

TEST(ImportAgents, PhrasesGetTheirPluralsAndTheTildeCodeBecomesTheRole) {
  std::ifstream in(kFixtures / "tabari.agents");
  std::vector<std::string> warnings;
  auto entries = ReadForeignAgents(in, "tabari.agents", &warnings);
  std::set<std::pair<std::string, std::string>> got;
  for (const ActorEntry& e : entries) {
    EXPECT_EQ(e.kind, ActorKind::kAgent);
    got.insert({e.phrase, e.code});
  }
  for (auto expected : std::vector<std::pair<std::string, std::string>>{
           {"border guard", "MIL"}, {"border guards", "MIL"}, {"police", "COP"}, {"attorney general", "JUD"},
           {"attorneys general", "JUD"}, {"secretary", "GOV"}, {"secretaries", "GOV"}, {"minister of defence", "MIL"},
           {"ministries of defence", "MIL"}, {"aid agency", "NGO"}, {"foreign minister", "GOV"}})
    EXPECT_TRUE(got.count(expected)) << expected.first;
  EXPECT_FALSE(got.count({"polices", "COP"}));              // "{}": no plural
  EXPECT_FALSE(got.count({"ministers of defences", "MIL"}));  // substitutions get no plurals
  EXPECT_TRUE(Warned(warnings, "tabari.agents:9:", "approximated"));  // NGO~
  EXPECT_TRUE(Warned(warnings, "tabari.agents:10:", "cut to GOV"));
  EXPECT_TRUE(Warned(warnings, "tabari.agents:11:", "no [~CODE]"));
  EXPECT_TRUE(Warned(warnings, "tabari.agents:12:", "not defined"));
}

// ---- verbs in --------------------------------------------------------------------

TEST(ImportVerbs, TabariVerbSlotsSynsetsAndAlternativesBecomeChanceryPatterns) {
  std::ifstream in(kFixtures / "tabari.verbs");
  std::vector<std::string> warnings;
  std::set<std::string> codes = Codes();
  auto patterns = Patterns(ReadForeignVerbs(in, "tabari.verbs", Flavor::kTabari, &codes, &warnings));
  std::map<std::string, std::string> expected = {
      {"accredit * {ambassador|envoy}", "054"},            // '*' is the verb, &SYNSET one-word members a group
      {"accredit * charge d'affaires", "054"},             // a multi-word member: a pattern of its own
      {"accredit + * as * {ambassador|envoy}", "054"},     // a leading '$' is chancery's default source
      {"condemn", "111"},                                  // the verb line's own code
      {"accuse", "112"},
      {"accuse + * of * {spying|espionage}", "1121"},      // {A | B} alternatives
      {"accuse + * of * cross - border * attacks", "112"}, // hyphens are tokens of their own
      {"expel * {ambassador|envoy}", "1246"},
      {"send * aid", "070"},
  };
  for (const auto& [pattern, code] : expected) {
    ASSERT_TRUE(patterns.count(pattern)) << pattern;
    EXPECT_EQ(patterns[pattern], code) << pattern;
  }
  std::string all;
  for (const auto& [pattern, code] : patterns) all += code + " " + pattern + "\n";
  EXPECT_EQ(patterns.size(), expected.size() + 2) << all;  // + the two other "charge d'affaires" patterns
}

TEST(ImportVerbs, UnmappableConstructsAreWarnedWithFileAndLineAndSkipped) {
  std::ifstream in(kFixtures / "tabari.verbs");
  std::vector<std::string> warnings;
  std::set<std::string> codes = Codes();
  ReadForeignVerbs(in, "tabari.verbs", Flavor::kTabari, &codes, &warnings);
  EXPECT_TRUE(Warned(warnings, "tabari.verbs:19:", "compound actor '%'"));
  EXPECT_TRUE(Warned(warnings, "tabari.verbs:20:", "skip marker '^'"));
  EXPECT_TRUE(Warned(warnings, "tabari.verbs:21:", "target '+' before the first word"));
  EXPECT_TRUE(Warned(warnings, "tabari.verbs:22:", "[---]"));
  EXPECT_TRUE(Warned(warnings, "tabari.verbs:23:", "token '~NOUN'"));
  EXPECT_TRUE(Warned(warnings, "tabari.verbs:24:", "not defined"));
  EXPECT_TRUE(Warned(warnings, "tabari.verbs:25:", "999"));
  EXPECT_TRUE(Warned(warnings, "tabari.verbs:28:", "paired code"));
  EXPECT_TRUE(Warned(warnings, "tabari.verbs:30:", "speech verb"));
}

TEST(ImportVerbs, PetrarchBlocksShareTheirPatternsAndPhraseStructureIsFlattenedWithAWarning) {
  std::ifstream in(kFixtures / "petrarch.verbs.txt");
  std::vector<std::string> warnings;
  std::set<std::string> codes = Codes();
  auto patterns = Patterns(ReadForeignVerbs(in, "petrarch.verbs.txt", Flavor::kPetrarch, &codes, &warnings));
  EXPECT_EQ(patterns["{sign|ink} * {truce|ceasefire}"], "0356");
  EXPECT_EQ(patterns["{sign|ink} * cease - fire"], "0356");
  EXPECT_EQ(patterns["{sign|ink} * with + * peace * deal"], "057");
  EXPECT_TRUE(Warned(warnings, "petrarch.verbs.txt:16:", "approximated"));
  // The block code is each bare verb's code; listed irregular forms join the verb's group.
  EXPECT_EQ(patterns["recall"], "161");
  EXPECT_EQ(patterns["{withdraw|withdrew|withdrawn}"], "161");
  EXPECT_EQ(patterns["{recall|withdraw|withdrew|withdrawn} * ambassador"], "1246");
  EXPECT_TRUE(Warned(warnings, "petrarch.verbs.txt:22:", "skip marker"));
}

TEST(ImportVerbs, TheImportedVerbFilePassesCheckVerbData) {
  fs::path out = TempDir("verbs");
  ImportRequest request;
  request.verbs = kFixtures / "tabari.verbs";
  request.output_dir = out;
  request.codes_file = fs::path(CHANCERY_DATA_DIR) / "cameo" / "codes.tsv";
  ImportResult result = ImportDictionaries(request);
  ASSERT_EQ(result.written.size(), 1u);
  request.from = Flavor::kPetrarch;
  request.verbs = kFixtures / "petrarch.verbs.txt";
  request.output_dir = out / "p";
  ASSERT_EQ(ImportDictionaries(request).written.size(), 1u);
  fs::copy_file(out / "p" / "verbs" / "imported-verbs.txt", out / "verbs" / "imported-petrarch.txt");
  std::string command = std::string(CHANCERY_SOURCE_DIR) + "/scripts/check-verb-data --verbs " + (out / "verbs").string() +
                        " > /dev/null";
  EXPECT_EQ(std::system(command.c_str()), 0) << command;
  fs::remove_all(out);
}

// ---- out and back ----------------------------------------------------------------

const char* kChanceryActors =
    "Zorbaland\tZRB\tstate\n"
    "Zorbalandian\tZRB\tdemonym\n"
    "Zorba City\tZRBGOV\tcapital\n"
    "Ada Tester\tZRBGOV\tperson\t2019-05-01\t2024-04-30\n"
    "Tester\tZRBGOV\tperson\t2019-05-01\t2024-04-30\tAda Tester\n"
    "Ada Tester\tZRBOPP\tperson\t2024-05-01\t\n"
    "Tester\tZRBOPP\tperson\t2024-05-01\t\tAda Tester\n"
    "Widget Front\tZRBREBWDG\tgroup\t\t2020-12-31\n"
    "Widget Front\tZRBGOVWDG\tgroup\t2021-01-01\n"
    "NATO\tIGONAT\tigo\n"
    "border guards\tMIL\tagent\n"
    "police\tCOP\tagent\n";

std::vector<ActorEntry> LoadChancery(const std::string& text) {
  fs::path dir = TempDir("load");
  { std::ofstream(dir / "x.tsv") << "# test\n" << text; }
  actors::ActorDictionary dictionary;
  std::vector<std::string> problems;
  dictionary.LoadFile(dir / "x.tsv", &problems);
  EXPECT_TRUE(problems.empty());
  fs::remove_all(dir);
  return dictionary.entries();
}

TEST(ExportActors, RecordsGroupPhrasesByNameWithDatedCodeLines) {
  std::vector<std::string> warnings;
  std::ostringstream out;
  WriteForeignActors(out, LoadChancery(kChanceryActors), Flavor::kTabari, &warnings);
  std::string text = out.str();
  EXPECT_NE(text.find("ZORBALAND_  [ZRB]  # kind=state\n"), std::string::npos) << text;
  EXPECT_NE(text.find("ADA_TESTER_  # kind=person\n+TESTER_\n\t[ZRBGOV 20190501-20240430]\n\t[ZRBOPP >20240501]\n"),
            std::string::npos) << text;
  EXPECT_NE(text.find("\t[ZRBREBWDG <20201231]\n"), std::string::npos) << text;
  EXPECT_EQ(text.find("BORDER_GUARDS"), std::string::npos);  // agents go to the agents file
  EXPECT_TRUE(warnings.empty());
}

TEST(RoundTrip, ChanceryToTabariToChanceryKeepsPhrasesCodesDatesAndKinds) {
  std::vector<ActorEntry> original = LoadChancery(kChanceryActors);
  std::vector<std::string> warnings;
  std::ostringstream actors_out, agents_out;
  WriteForeignActors(actors_out, original, Flavor::kTabari, &warnings);
  WriteForeignAgents(agents_out, original, Flavor::kTabari, &warnings);
  std::istringstream actors_in(actors_out.str()), agents_in(agents_out.str());
  std::vector<ActorEntry> back = ReadForeignActors(actors_in, "chancery.actors", &warnings);
  std::vector<ActorEntry> agents = ReadForeignAgents(agents_in, "chancery.agents", &warnings);
  back.insert(back.end(), agents.begin(), agents.end());
  EXPECT_EQ(Rows(back), Rows(original));
  for (const ActorEntry& e : original) {
    bool same_kind = std::any_of(back.begin(), back.end(), [&](const ActorEntry& b) {
      return Lower(b.phrase) == Lower(e.phrase) && b.code == e.code && b.kind == e.kind;
    });
    EXPECT_TRUE(same_kind) << e.phrase;
  }
  EXPECT_TRUE(warnings.empty()) << warnings.front();
}

TEST(RoundTrip, TheShippedActorDictionariesSurviveTabariAndPetrarch) {
  for (Flavor flavor : {Flavor::kTabari, Flavor::kPetrarch}) {
    fs::path out = TempDir("export");
    ExportRequest request;
    request.to = flavor;
    request.data_dir = CHANCERY_DATA_DIR;
    request.output_dir = out;
    ExportResult exported = ExportDictionaries(request);
    ASSERT_EQ(exported.written.size(), 3u);
    std::vector<std::string> warnings;
    std::ifstream actors_in(exported.written[0]), agents_in(exported.written[1]);
    auto back = ReadForeignActors(actors_in, "actors", &warnings);
    auto agents = ReadForeignAgents(agents_in, "agents", &warnings);
    back.insert(back.end(), agents.begin(), agents.end());
    std::vector<std::string> problems;
    auto shipped = actors::ActorDictionary::LoadDirectory(fs::path(CHANCERY_DATA_DIR) / "actors", &problems).entries();
    // Every shipped row that could be written comes back with its phrase, code and dates.
    std::set<Row> got = Rows(back), want = Rows(shipped);
    std::size_t missing = 0;
    for (const Row& row : want)
      if (!got.count(row)) ++missing;
    EXPECT_LE(missing, exported.warnings.size()) << "rows lost without a warning";
    EXPECT_GT(got.size(), want.size() * 9 / 10);
    fs::remove_all(out);
  }
}

TEST(ExportVerbs, PatternsBecomeVerbBlocksWithSynsetsAndExpandedOptionals) {
  std::vector<VerbRecord> records = {{"054", "accredit * {ambassador|envoy}", ""},
                                     {"111", "condemn", ""},
                                     {"011", "decline to comment", ""},
                                     {"0356", "sign * {truce|ceasefire} with? +", ""},
                                     {"112", "accuse + of * cross - border attacks", ""}};
  std::vector<std::string> warnings;
  std::ostringstream out;
  WriteForeignVerbs(out, records, Flavor::kTabari, {}, &warnings);
  std::string text = out.str();
  EXPECT_NE(text.find("&CHANCERY_1\n+AMBASSADOR_\n+ENVOY_\n"), std::string::npos) << text;
  EXPECT_NE(text.find("ACCREDIT  [---]\n- * &CHANCERY_1  [054]"), std::string::npos) << text;
  EXPECT_NE(text.find("CONDEMN  [111]\n"), std::string::npos) << text;
  EXPECT_NE(text.find("- * TO_COMMENT  [011]"), std::string::npos) << text;
  EXPECT_NE(text.find("- * &CHANCERY_2 WITH +  [0356]"), std::string::npos) << text;
  EXPECT_NE(text.find("- * &CHANCERY_2 +  [0356]"), std::string::npos) << text;
  EXPECT_NE(text.find("- * + OF CROSS-BORDER_ATTACKS  [112]"), std::string::npos) << text;

  std::ostringstream petrarch;
  WriteForeignVerbs(petrarch, records, Flavor::kPetrarch, {}, &warnings);
  EXPECT_NE(petrarch.str().find("--- CONDEMN [---] ---\nCONDEMN  [111]\n"), std::string::npos) << petrarch.str();
  EXPECT_TRUE(warnings.empty());

  // Back in: the same words in the same order, gaps where TABARI allows words between.
  std::istringstream in(text);
  auto back = Patterns(ReadForeignVerbs(in, "chancery.verbs", Flavor::kTabari, nullptr, &warnings));
  EXPECT_EQ(back["accredit * {ambassador|envoy}"], "054");
  EXPECT_EQ(back["condemn"], "111");
  EXPECT_EQ(back["decline * to comment"], "011");
  EXPECT_EQ(back["sign * {truce|ceasefire} * with +"], "0356");
  EXPECT_EQ(back["accuse + * of * cross - border attacks"], "112");
}

// ---- the command, and the imported dictionaries in use ---------------------------

int RunCommand(std::vector<std::string> args) {
  CLI::App app{"test"};
  DictionaryCommandOptions options;
  AddDictionaryCommand(app, options);
  std::vector<std::string> reversed(args.rbegin(), args.rend());
  app.parse(reversed);
  EXPECT_TRUE(DictionaryCommandChosen(options));
  return RunDictionaryCommand(options);
}

TEST(DictionaryCommand, ImportsExportsAndExitsTwoWhenNothingCouldBeRead) {
  fs::path out = TempDir("cli");
  std::string data = CHANCERY_DATA_DIR;
  EXPECT_EQ(RunCommand({"dictionary", "import", "--from", "tabari", "--actors", (kFixtures / "tabari.actors").string(),
                        "--agents", (kFixtures / "tabari.agents").string(), "--verbs",
                        (kFixtures / "tabari.verbs").string(), "-o", (out / "in").string(), "-q"}),
            0);
  EXPECT_TRUE(fs::exists(out / "in" / "actors" / "imported-actors.tsv"));
  EXPECT_TRUE(fs::exists(out / "in" / "actors" / "imported-agents.tsv"));
  EXPECT_TRUE(fs::exists(out / "in" / "verbs" / "imported-verbs.txt"));
  EXPECT_EQ(RunCommand({"dictionary", "import", "--from", "petrarch", "--verbs", (out / "none.txt").string(), "-o",
                        (out / "none").string(), "-q"}),
            2);
  EXPECT_EQ(RunCommand({"dictionary", "export", "--to", "petrarch", "--data", data, "-o", (out / "out").string(), "-q"}),
            0);
  EXPECT_TRUE(fs::exists(out / "out" / "chancery.verbs.txt"));
  fs::remove_all(out);
}

TEST(ImportedData, AnOverlayOfTheShippedDataWithTheImportedFilesLoadsCleanlyAndRecognizesImportedActors) {
  fs::path out = TempDir("overlay");
  ImportRequest request;
  request.actors = kFixtures / "tabari.actors";
  request.agents = kFixtures / "tabari.agents";
  request.verbs = kFixtures / "tabari.verbs";
  request.output_dir = out / "imported";
  request.codes_file = fs::path(CHANCERY_DATA_DIR) / "cameo" / "codes.tsv";
  request.existing_verbs_dir = fs::path(CHANCERY_DATA_DIR) / "verbs";
  ImportResult result = ImportDictionaries(request);
  // "accuse" 112 is a shipped pattern too: left out, with a warning.
  EXPECT_TRUE(Warned(result.warnings, "tabari.verbs:13:", "is already in 10-14-verbal-conflict.txt"));
  fs::copy(CHANCERY_DATA_DIR, out / "data", fs::copy_options::recursive);
  fs::copy(out / "imported", out / "data", fs::copy_options::recursive | fs::copy_options::overwrite_existing);
  std::string check = std::string(CHANCERY_SOURCE_DIR) + "/scripts/check-verb-data --verbs " +
                      (out / "data" / "verbs").string() + " > /dev/null";
  EXPECT_EQ(std::system(check.c_str()), 0) << check;

  PipelineOptions options;
  options.data_dir = out / "data";
  Pipeline pipeline(options);
  EXPECT_TRUE(pipeline.data_problems().empty()) << pipeline.data_problems().front();
  auto workspace = pipeline.NewWorkspace();
  Story story;
  story.id = "t1";
  story.date = "2022-03-01";
  story.text = "Zorbaland expelled the ambassador of Kyrgyzstan on Monday.";
  CodedStory coded = pipeline.Code(story, *workspace);
  ASSERT_FALSE(coded.events.empty());
  EXPECT_EQ(coded.events[0].source.code, "ZRB");
  EXPECT_EQ(coded.events[0].target.code.substr(0, 3), "KGZ");
  fs::remove_all(out);
}

}  // namespace
}  // namespace chancery::interchange
