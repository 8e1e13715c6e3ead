"""FastAPI service of scripts/bench.sh: python3.11 -m uvicorn webapp:app --app-dir bench/app (loopback only)."""
from fastapi import FastAPI

app = FastAPI()


@app.get("/items/{item_id}")
async def item(item_id: int, q: str = ""):
    return {"item_id": item_id, "q": q, "double": item_id * 2}
