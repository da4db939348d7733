"""Optional language-model prose through any OpenAI-compatible endpoint.

The `openai` client package talks to the endpoint (`base_url`), so hosted
APIs, Ollama, llama.cpp's server and vLLM all work. The model only writes
prose; segmentation, speakers, times and quotes come from the engine, and
every generated line is verified like any other (see `podium.engine.verify`).

- `options`: `LLMOptions` (endpoint, model, key from the environment, budget);
- `client`: `ChatClient` (retries, budget, usage, structured JSON answers);
- `prompts/`: the versioned prompt files.

The brief rewrite that uses this client (`rewrite_brief`: ask, check, verify,
ask again, fall back) lives one layer up, in `podium.engine.write.llm`.
"""

from podium.engine.llm.client import ChatClient, ChatReply, LLMError, Usage
from podium.engine.llm.options import LLMOptions
from podium.engine.llm.prompts import Prompt, load_prompt

__all__ = ["ChatClient", "ChatReply", "LLMError", "LLMOptions", "Prompt", "Usage", "load_prompt"]
