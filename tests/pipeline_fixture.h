// Test support: one shared Pipeline over the shipped data, and helpers that
// code a sentence or a story and describe events compactly
// ("RUSGOV->AFGGOV 054").
#pragma once

#include <string>
#include <vector>

#include "coding/event.h"
#include "pipeline/pipeline.h"

namespace chancery::testing {

// Built once per test binary (dictionaries load once), without a disk cache.
const Pipeline& SharedPipeline();

std::vector<Event> CodeText(const std::string& text, const std::string& date);
CodedStory CodeStory(const Story& story);

// "SOURCE->TARGET CODE", with " neg" when negated.
std::string Describe(const Event& event);
std::string DescribeAll(const std::vector<Event>& events);

}  // namespace chancery::testing
