// Specification of the CAMEO code table: the shipped data/cameo/codes.tsv and the
// loader's handling of malformed files.
#include "coding/cameo_table.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <stdexcept>
#include <string>

namespace chancery::coding {
namespace {

const std::filesystem::path kCodesFile = std::filesystem::path(CHANCERY_DATA_DIR) / "cameo" / "codes.tsv";

const CameoTable& Shipped() {
  static const CameoTable table = CameoTable::Load(kCodesFile);
  return table;
}

TEST(CameoTableShipped, HasEveryRootAndAtLeast280Codes) {
  const CameoTable& table = Shipped();
  EXPECT_GE(table.size(), 280u);
  for (int root = 1; root <= 20; ++root) {
    std::string two = (root < 10 ? "0" : "") + std::to_string(root);
    EXPECT_NE(table.Find(two), nullptr) << "root row " << two;
    EXPECT_NE(table.Find(two + "0"), nullptr) << "root code " << two << "0";
  }
}

TEST(CameoTableShipped, GrantDiplomaticRecognitionIsVerbalCooperation) {
  const CameoCode* code = Shipped().Find("054");
  ASSERT_NE(code, nullptr);
  EXPECT_EQ(code->quad_class, 1);
  EXPECT_DOUBLE_EQ(code->goldstein, 6.0);
  EXPECT_EQ(code->plover_type, "SUPPORT");
}

TEST(CameoTableShipped, ConventionalMilitaryForceIsMaterialConflictAtMinusTen) {
  const CameoCode* code = Shipped().Find("190");
  ASSERT_NE(code, nullptr);
  EXPECT_EQ(code->quad_class, 4);
  EXPECT_DOUBLE_EQ(code->goldstein, -10.0);
  EXPECT_EQ(code->plover_type, "ASSAULT");
}

TEST(CameoTableShipped, KnownGoldsteinWeightsAndPloverModes) {
  struct Expected { const char* code; double goldstein; int quad; const char* type; const char* mode; };
  const Expected cases[] = {
      {"010", 0.0, 1, "CONSULT", ""},          {"042", 1.9, 1, "CONSULT", "visit"},
      {"043", 2.8, 1, "CONSULT", "host"},      {"044", 2.5, 1, "CONSULT", "third-party"},
      {"051", 3.4, 1, "SUPPORT", ""},          {"0874", 10.0, 2, "RETREAT", "withdraw"},
      {"111", -2.0, 3, "ACCUSE", "disapprove"}, {"141", -6.5, 3, "PROTEST", "demo"},
      {"173", -5.0, 4, "COERCE", "arrest"},    {"1823", -10.0, 4, "ASSAULT", "beat"},
      {"193", -10.0, 4, "ASSAULT", "firearms"}, {"195", -10.0, 4, "ASSAULT", "heavy-weapons"},
  };
  for (const Expected& e : cases) {
    const CameoCode* code = Shipped().Find(e.code);
    ASSERT_NE(code, nullptr) << e.code;
    EXPECT_DOUBLE_EQ(code->goldstein, e.goldstein) << e.code;
    EXPECT_EQ(code->quad_class, e.quad) << e.code;
    EXPECT_EQ(code->plover_type, e.type) << e.code;
    EXPECT_EQ(code->plover_mode, e.mode) << e.code;
  }
}

TEST(CameoTableShipped, EveryCodesRootRowExistsAndSharesItsQuadClass) {
  const CameoTable& table = Shipped();
  for (const CameoCode& code : table.codes()) {
    const CameoCode* root = table.Find(CameoTable::Root(code.code));
    ASSERT_NE(root, nullptr) << code.code;
    EXPECT_EQ(root->quad_class, code.quad_class) << code.code;
    EXPECT_FALSE(code.plover_type.empty()) << code.code;
  }
}

TEST(CameoTableShipped, EveryFourDigitCodeHasItsThreeDigitParent) {
  const CameoTable& table = Shipped();
  for (const CameoCode& code : table.codes()) {
    if (code.code.size() == 4) {
      EXPECT_NE(table.Find(code.code.substr(0, 3)), nullptr) << code.code;
    }
  }
}

TEST(CameoTableShipped, CodesAreInFileOrderAndFindableByValue) {
  const CameoTable& table = Shipped();
  ASSERT_FALSE(table.codes().empty());
  EXPECT_EQ(table.codes().front().code, "01");
  EXPECT_EQ(table.Find("9999"), nullptr);
  EXPECT_EQ(table.Find("54"), nullptr);  // codes are strings: the leading zero matters
  EXPECT_EQ(table.Find("0541"), nullptr);  // 054 has no sub-codes
}

TEST(CameoTableRoot, IsTheFirstTwoDigits) {
  EXPECT_EQ(CameoTable::Root("0541"), "05");
  EXPECT_EQ(CameoTable::Root("190"), "19");
  EXPECT_EQ(CameoTable::Root("20"), "20");
  EXPECT_EQ(CameoTable::Root("1"), "1");
}

class CameoTableMalformed : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("cameo_table_test_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // Writes a file whose line 3 is `bad_line` and returns the loader's message.
  std::string LoadError(const std::string& bad_line) {
    std::filesystem::path file = dir_ / "codes.tsv";
    std::ofstream(file) << "# test table\n"
                        << "05\tDIPLOMATIC COOPERATION\t3.5\t1\tSUPPORT\t\n"
                        << bad_line << "\n";
    try {
      CameoTable::Load(file);
    } catch (const std::runtime_error& e) {
      return e.what();
    }
    return "no error";
  }

  std::string FileLine3() const { return (dir_ / "codes.tsv").string() + ":3: "; }

  std::filesystem::path dir_;
};

TEST_F(CameoTableMalformed, WrongFieldCountNamesFileAndLine) {
  std::string error = LoadError("054\tGrant diplomatic recognition\t6.0");
  EXPECT_EQ(error.rfind(FileLine3(), 0), 0u) << error;
  EXPECT_NE(error.find("fields"), std::string::npos) << error;
}

TEST_F(CameoTableMalformed, NonNumericGoldstein) {
  std::string error = LoadError("054\tGrant diplomatic recognition\tsix\t1\tSUPPORT\t");
  EXPECT_EQ(error.rfind(FileLine3(), 0), 0u) << error;
  EXPECT_NE(error.find("goldstein"), std::string::npos) << error;
}

TEST_F(CameoTableMalformed, GoldsteinOutOfRange) {
  std::string error = LoadError("054\tGrant diplomatic recognition\t12.0\t1\tSUPPORT\t");
  EXPECT_EQ(error.rfind(FileLine3(), 0), 0u) << error;
}

TEST_F(CameoTableMalformed, QuadClassNotOneToFour) {
  std::string error = LoadError("054\tGrant diplomatic recognition\t6.0\t5\tSUPPORT\t");
  EXPECT_EQ(error.rfind(FileLine3(), 0), 0u) << error;
  EXPECT_NE(error.find("quad_class"), std::string::npos) << error;
}

TEST_F(CameoTableMalformed, QuadClassDisagreeingWithRoot) {
  std::string error = LoadError("054\tGrant diplomatic recognition\t6.0\t3\tSUPPORT\t");
  EXPECT_EQ(error.rfind(FileLine3(), 0), 0u) << error;
}

TEST_F(CameoTableMalformed, DuplicateCode) {
  std::string error = LoadError("05\tDIPLOMATIC COOPERATION AGAIN\t3.5\t1\tSUPPORT\t");
  EXPECT_EQ(error.rfind(FileLine3(), 0), 0u) << error;
  EXPECT_NE(error.find("duplicate"), std::string::npos) << error;
}

TEST_F(CameoTableMalformed, UnknownPloverType) {
  std::string error = LoadError("054\tGrant diplomatic recognition\t6.0\t1\tENDORSE\t");
  EXPECT_EQ(error.rfind(FileLine3(), 0), 0u) << error;
}

TEST_F(CameoTableMalformed, CodeThatIsNotDigits) {
  std::string error = LoadError("05A\tSomething\t1.0\t1\tSUPPORT\t");
  EXPECT_EQ(error.rfind(FileLine3(), 0), 0u) << error;
}

TEST_F(CameoTableMalformed, MissingFileIsAnError) {
  EXPECT_THROW(CameoTable::Load(dir_ / "absent.tsv"), std::runtime_error);
}

TEST_F(CameoTableMalformed, ModeColumnMayBeOmittedAndCommentsSkipped) {
  std::filesystem::path file = dir_ / "codes.tsv";
  std::ofstream(file) << "# comment\n\n05\tDIPLOMATIC COOPERATION\t3.5\t1\tSUPPORT\n"
                      << "042\tMake a visit\t1.9\t1\tCONSULT\tvisit\r\n";
  CameoTable table = CameoTable::Load(file);
  ASSERT_EQ(table.size(), 2u);
  EXPECT_EQ(table.Find("05")->plover_mode, "");
  EXPECT_EQ(table.Find("042")->plover_mode, "visit");
}

}  // namespace
}  // namespace chancery::coding
